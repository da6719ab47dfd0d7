"""Comment sync end to end: real git history, a real MkDocs build with Plein's plugins, the real service.

A page's conversation follows it through `git mv` (also with edits in the same commit), is archived when the
page goes and restored when it comes back; the same sync twice changes nothing; a shallow clone is reported.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from mkdocs.commands.build import build
from mkdocs.config import load_config

from comments_service import create_app
from comments_service.sync import sync_and_announce
from tests.plugins.plugin_helpers import Repo, git
from tests.service.service_helpers import OTHER_ADDRESS, PROXY_SECRET, Member, client_from, close_app, eventually

PLUGINS = ["plein-git", "plein-hashtags", "plein-identity"]
COFFEE = "team/koffie"
COFFEE_TEXT = "# Koffie\n\nDe koffieautomaat op de tweede verdieping is weer gerepareerd. #gedoe\n"


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "--quiet", "--initial-branch=main")
    repo = Repo(root)
    repo.write("mkdocs.yml", yaml.safe_dump({
        "site_name": "Sync", "docs_dir": "docs", "theme": {"name": "plein", "language": "nl"}, "plugins": PLUGINS,
    }))
    repo.write("docs/index.md", "# Start\n\nWelkom.\n")
    repo.write(f"docs/{COFFEE}.md", COFFEE_TEXT)
    repo.write("docs/team/lunch.md", "# Lunch\n\nDe lunch is om twaalf uur.\n")
    repo.commit("Eerste pagina's", "2026-01-05T09:00:00+01:00")
    return repo


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app({
        "PLEIN_DATABASE_URL": f"sqlite:///{tmp_path / 'plein.sqlite3'}",
        "PLEIN_SEARCH_DIR": str(tmp_path / "search"),
        "PLEIN_SECRET_KEY": "sync-tests",
        "PLEIN_PROXY_SECRET": PROXY_SECRET,
        "PLEIN_RATELIMIT_ENABLED": False,
    })
    yield app
    close_app(app)


@pytest.fixture
def build_and_sync(repo: Repo, app: Flask, tmp_path: Path) -> Callable[[], dict[str, Any]]:
    """Build the repository's site with Plein's plugins, sync its manifest; returns the sync summary."""

    def run() -> dict[str, Any]:
        site_dir = tmp_path / f"site-{len(list(tmp_path.glob('site-*')))}"
        build(load_config(str(repo.root / "mkdocs.yml"), site_dir=str(site_dir), strict=True))
        manifest = json.loads((site_dir / "plein" / "manifest.json").read_text(encoding="utf-8"))
        with app.app_context():
            return sync_and_announce(manifest).as_json()

    return run


@pytest.fixture
def sanne(app: Flask) -> Member:
    client = client_from(app, OTHER_ADDRESS)
    client.environ_base["HTTP_X_PLEIN_PROXY_SECRET"] = PROXY_SECRET
    return Member(client, "sanne", "Sanne de Vries")


def thread(member: Member, page_id: str) -> dict[str, Any]:
    answer = member.get(f"/api/pages/{page_id}/thread")
    assert answer.status_code == 200, answer.json
    return answer.json


def search_urls(member: Member, query: str) -> list[str]:
    return [hit["url"] for hit in member.get(f"/api/search?q={query}").json.get("results", [])]


def converse(sanne: Member) -> int:
    """Sanne comments on the coffee page and reacts to the page; returns the comment id."""
    comment = sanne.comment(COFFEE, "Eindelijk weer cappuccino op de tweede!")
    assert sanne.post(f"/api/pages/{COFFEE}/reactions", {"emoji": "🎉"}).status_code == 200
    return comment["id"]


@pytest.mark.parametrize("with_edits", [False, True], ids=["git-mv", "git-mv-with-edits"])
def test_conversation_follows_a_moved_page(
    repo: Repo, build_and_sync: Callable[[], dict[str, Any]], sanne: Member, with_edits: bool
) -> None:
    build_and_sync()
    comment_id = converse(sanne)

    repo.move(f"docs/{COFFEE}.md", "docs/facilitair/koffie-en-thee.md")
    if with_edits:
        repo.write("docs/facilitair/koffie-en-thee.md", COFFEE_TEXT + "\nOok de thee is vernieuwd.\n")
    repo.commit("Koffie naar Facilitair", "2026-02-01T10:00:00+01:00")
    summary = build_and_sync()

    assert summary["archived"] == 0 and summary["created"] == 0
    moved = thread(sanne, COFFEE)
    assert moved["page"]["url"] == "/facilitair/koffie-en-thee/"
    assert [c["id"] for c in moved["comments"]] == [comment_id]
    assert moved["reactions"]["counts"] == {"🎉": 1} and moved["reactions"]["mine"] == ["🎉"]
    assert eventually(
        lambda: search_urls(sanne, "cappuccino") == [f"facilitair/koffie-en-thee/#comment-{comment_id}"]
    )


def test_a_removed_page_is_archived_and_restored_when_it_returns(
    repo: Repo, build_and_sync: Callable[[], dict[str, Any]], sanne: Member
) -> None:
    build_and_sync()
    comment_id = converse(sanne)
    assert eventually(lambda: len(search_urls(sanne, "cappuccino")) == 1)

    git(repo.root, "rm", "--quiet", f"docs/{COFFEE}.md")
    repo.commit("Koffiepagina weg", "2026-03-01T10:00:00+01:00")
    summary = build_and_sync()
    assert summary["archived_ids"] == [COFFEE]
    assert thread(sanne, COFFEE)["page"]["archived"] is True
    assert [c["id"] for c in thread(sanne, COFFEE)["comments"]] == [comment_id]  # archived, never deleted
    assert eventually(lambda: search_urls(sanne, "cappuccino") == [] and search_urls(sanne, "koffieautomaat") == [])

    git(repo.root, "checkout", "HEAD~1", "--", f"docs/{COFFEE}.md")
    repo.commit("Koffiepagina terug", "2026-03-02T10:00:00+01:00")
    summary = build_and_sync()
    assert summary["restored_ids"] == [COFFEE]
    assert thread(sanne, COFFEE)["page"]["archived"] is False
    assert eventually(lambda: search_urls(sanne, "cappuccino") == [f"team/koffie/#comment-{comment_id}"])


def test_the_same_sync_twice_changes_nothing(build_and_sync: Callable[[], dict[str, Any]]) -> None:
    first = build_and_sync()
    assert first["created"] == 3
    again = build_and_sync()
    assert again["unchanged"] == 3
    assert again["text_changed"] == [] and again["created"] == again["updated"] == again["moved"] == 0


def test_a_shallow_clone_is_reported(repo: Repo, tmp_path: Path) -> None:
    repo.write("docs/team/lunch.md", "# Lunch\n\nDe lunch is om half een.\n")
    repo.commit("Later", "2026-04-01T10:00:00+01:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{repo.root}", str(clone))

    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):  # mkdocs.yml builds strictly in CI: the shallow-clone warning stops it
        build(load_config(str(clone / "mkdocs.yml"), site_dir=str(tmp_path / "shallow-site"), strict=True))
    site_dir = tmp_path / "lenient-site"
    build(load_config(str(clone / "mkdocs.yml"), site_dir=str(site_dir), strict=False))
    manifest = json.loads((site_dir / "plein" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["git"]["shallow"] is True
