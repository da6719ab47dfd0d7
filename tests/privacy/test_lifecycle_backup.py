"""flask backup / restore: a consistent copy while writes go on, restored exactly, the search rebuilt."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from comments_service import db
from comments_service.models import Comment, Page

from lifecycle_helpers import app_on, empty_twin, every_row
from privacy_helpers import SECRET, lived_in
from service_helpers import PAGE, Member, eventually


def _cli(app: Flask, *args: str) -> Any:
    return app.test_cli_runner().invoke(args=list(args))


@pytest.mark.plein_settings(PLEIN_SEARCH_INDEXER="external")  # no drain empties the search queue meanwhile
def test_backup_under_writes_then_restore_is_exact(
    app: Flask, settings: dict[str, Any], database_url: str, tmp_path: Path, sanne: Member, joost: Member, sync: Any
) -> None:
    lived_in(sanne, joost, sync, app)
    stop = threading.Event()
    written: list[int] = []

    def write() -> None:  # Joost keeps commenting while the backup is taken
        while not stop.is_set():
            written.append(joost.comment(PAGE, f"Reactie {len(written)}")["id"])

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert eventually(lambda: len(written) >= 3, 10)
        during = _cli(app, "backup", str(tmp_path / "during.backup"))
        assert during.exit_code == 0, during.output
        taken = len(written)  # a write may have been on its way; the second after these came after the copy
        assert eventually(lambda: len(written) >= taken + 2, 10)
    finally:
        stop.set()
        writer.join()
    quiet = _cli(app, "backup", str(tmp_path / "quiet.backup"))
    assert quiet.exit_code == 0, quiet.output
    source = every_row(app)

    with empty_twin(database_url, tmp_path) as url, app_on(settings, url, tmp_path) as restored:
        result = _cli(restored, "restore", str(tmp_path / "quiet.backup"))
        assert result.exit_code == 0, result.output
        assert every_row(restored) == source  # every row of every table
        search = restored.test_client().get(f"/api/search?q={SECRET}")
        assert search.json["total"] == 2  # the index was rebuilt from the restored rows (her comment, her question)

    with empty_twin(database_url, tmp_path) as url, app_on(settings, url, tmp_path) as restored:
        assert _cli(restored, "restore", str(tmp_path / "during.backup")).exit_code == 0
        copy = every_row(restored)
        with restored.app_context():  # one moment: each comment's write counted on its page, none half done
            session = db.session()
            counted = session.scalar(select(Page.version).where(Page.identity == PAGE))
            comments = session.scalar(select(func.count()).select_from(Comment).join(Page).where(Page.identity == PAGE))
    first = {row[0] for row in copy["comments"]}
    assert copy["comments"] == [row for row in source["comments"] if row[0] in first]
    assert max(first) < max(row[0] for row in source["comments"])  # it was taken while Joost wrote
    assert counted - comments == source_version_offset(source, PAGE)


def source_version_offset(rows: dict[str, list[tuple[Any, ...]]], identity: str) -> int:
    """How far a page's change counter runs ahead of its comments in the source (edits, reactions, removals)."""
    pages = {row[1]: row for row in rows["pages"]}
    page_pk = pages[identity][0]
    version = pages[identity][7]
    return version - sum(1 for row in rows["comments"] if row[1] == page_pk)


def test_restore_refuses_a_database_that_holds_rows(app: Flask, tmp_path: Path, page: str, sanne: Member) -> None:
    sanne.comment(PAGE, "Iets")
    assert _cli(app, "backup", str(tmp_path / "a.backup")).exit_code == 0

    result = _cli(app, "restore", str(tmp_path / "a.backup"))

    assert result.exit_code != 0 and "not empty" in result.output
    assert _cli(app, "backup", str(tmp_path / "a.backup")).exit_code != 0  # never overwrites a backup


def test_postgresql_without_its_client_tools_is_a_clear_error(
    app: Flask, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite backs up through its own API")
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump there

    result = _cli(app, "backup", str(tmp_path / "a.backup"))

    assert result.exit_code != 0 and "pg_dump is not on PATH" in result.output
