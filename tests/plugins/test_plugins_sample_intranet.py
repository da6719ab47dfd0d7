"""The three plugins on the real sample intranet with the theme `plein`, built once per run with `--strict`."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

REPO_ROOT = Path(__file__).resolve().parents[2]

CONTENT = REPO_ROOT / "content"


def test_manifest_lists_every_content_page_once(built_site: Path) -> None:
    manifest = json.loads((built_site / "plein" / "manifest.json").read_text(encoding="utf-8"))
    sources = sorted(path.relative_to(CONTENT).as_posix() for path in CONTENT.rglob("*.md"))
    assert [page["src_path"] for page in manifest["pages"]] == sources
    ids = [page["id"] for page in manifest["pages"]]
    assert len(set(ids)) == len(ids)
    assert all(page["text"] and page["title"] for page in manifest["pages"])


def test_every_hashtag_in_the_manifest_has_its_page_and_is_in_the_index(built_site: Path) -> None:
    manifest = json.loads((built_site / "plein" / "manifest.json").read_text(encoding="utf-8"))
    slugs = {slug for page in manifest["pages"] for slug in page["hashtags"]}
    assert slugs, "the sample intranet uses hashtags"
    index = (built_site / "tags" / "index.html").read_text(encoding="utf-8")
    for slug in slugs:
        assert (built_site / "tags" / slug / "index.html").is_file()
        assert f'href="{quote(slug)}/"' in index
    generated = {path.name for path in (built_site / "tags").iterdir() if path.is_dir()}
    assert generated == slugs
