"""The three plugins on the real sample intranet with the theme `plein`, built once per run with `--strict`."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from mkdocs.utils.meta import get_data

from comments_service.identity import demo_address, demo_person
from plugins.owners import owners

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


def test_people_who_own_sample_pages_are_found_by_the_demo_login_of_their_name(built_site: Path) -> None:
    """`make run` shows owner notifications to whoever signs in as the person a sample page names as its owner."""
    manifest = json.loads((built_site / "plein" / "manifest.json").read_text(encoding="utf-8"))
    keys = {page["src_path"]: page["owners"] for page in manifest["pages"]}
    people = []
    for path in sorted(CONTENT.rglob("*.md")):
        _, meta = get_data(path.read_text(encoding="utf-8"))
        for owner in (named for named in owners(meta) if named.address):
            people.append(owner.name)
            assert owner.address == demo_address(demo_person(owner.name)[0]), path
            assert owner.address in keys[path.relative_to(CONTENT).as_posix()]
    assert {"Lotte Vermeulen", "Eva de Boer", "Anouk Jansen"} <= set(people)
