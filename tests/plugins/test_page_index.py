"""plein-page-index: the compact index search.js falls back on when the service is down, and the snapshot file
`make run` builds with (written by `flask snapshot`, read by plein-snapshot)."""

from __future__ import annotations

import json

import pytest

from plugin_helpers import ALL_PLUGINS, BuildSite, Repo
from plugins.page_index.index import summary, words

LONG = "# Vergaderen\n\nOnline vergaderingen werken beter met een agenda. " + "Meer tekst over water. " * 20 + "\n"


def test_the_index_lists_each_page_with_title_summary_and_distinct_words(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n\nWelkom, #gedoe!\n")
    repo.write("docs/werk/vergaderen.md", LONG)
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    site = build_site(repo.root, plugins=[*ALL_PLUGINS, "plein-page-index"])

    index = json.loads(site.read("plein/pages-index.json"))
    assert index["version"] == 1
    by_url = {url: (title, text, found) for url, title, text, found in index["pages"]}
    title, text, found = by_url["werk/vergaderen/"]
    assert title == "Vergaderen" and text.startswith("Online vergaderingen werken") and text.endswith("…")
    assert len(text) <= 161 and "Vergaderen" not in text, "the title stays out of the summary"
    assert found.split()[:3] == ["vergaderen", "online", "vergaderingen"]
    assert found.split().count("water") == 1, "each word once"
    assert by_url[""] == ("Home", "Welkom, #gedoe!", "home welkom gedoe")
    raw = site.read("plein/pages-index.json")
    assert len(raw.encode()) < len(site.read("plein/manifest.json").encode()) / 2


def test_the_index_needs_the_identity_plugin(repo: Repo, build_site: BuildSite, caplog: pytest.LogCaptureFixture) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")
    with pytest.raises(Exception, match="BuildError"):
        build_site(repo.root, plugins=["plein-page-index"])
    assert "plein-page-index needs plein-identity" in caplog.text


def test_words_and_summary() -> None:
    assert words("Één ÉÉN x 42", "een_twee") == "één 42 een twee"
    assert summary("kort", 10) == "kort"
    assert summary("een twee drie vier", 10) == "een twee…"


def test_a_build_carries_the_snapshot_file_written_from_the_database(
        repo: Repo, build_site: BuildSite, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    snapshot = {"pages": {"index": {"comments": [{
        "id": 7, "parent_id": None, "author": {"id": "sanne", "name": "Sanne"}, "html": "<p>Uit het bestand</p>",
        "created": "2026-01-02T09:00:00+00:00", "edited": None, "state": "visible", "replies": [],
        "reactions": {"counts": {}}}], "comment_count": 1, "reactions": {"counts": {}}, "generated": "x"}}}
    (tmp_path / "snapshot.json").write_text(json.dumps(snapshot), encoding="utf-8")
    monkeypatch.setenv("PLEIN_SNAPSHOT_FILE", str(tmp_path / "snapshot.json"))
    repo.write("docs/index.md", "# Home\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    site = build_site(repo.root, plugins=[*ALL_PLUGINS, "plein-snapshot"], theme={"name": "plein", "language": "nl"})

    assert "Uit het bestand" in site.read("index.html") and 'id="comment-7"' in site.read("index.html")
    monkeypatch.setenv("PLEIN_SNAPSHOT_FILE", str(tmp_path / "missing.json"))
    assert "Uit het bestand" not in build_site(repo.root, plugins=[*ALL_PLUGINS, "plein-snapshot"]).read("index.html")
