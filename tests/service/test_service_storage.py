"""Storage: the migrations produce the models' schema; connections are set up for several workers and never cross a fork."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask import Flask
from sqlalchemy import Engine, column, insert, inspect, select, table, text

from comments_service import db
from comments_service.models import Comment, CommentRevision, Page, UTCDateTime
from comments_service.schema import metadata
from comments_service.search.derived import outside_models
from service_helpers import close_app


def test_the_migrations_produce_the_models_schema(app: Flask) -> None:
    with app.app_context():
        with db.engine().connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_name": outside_models}  # search's own tables
            )
            assert compare_metadata(context, metadata) == []
            assert not db.needs_upgrade(db.engine())


def test_db_upgrade_command_is_idempotent(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["db-upgrade"])
    assert result.exit_code == 0 and "up to date" in result.output


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(app: Flask, database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite pragmas")
    with app.app_context():
        with db.engine().connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == db.SQLITE_BUSY_TIMEOUT_MS


def test_a_fresh_database_is_migrated_on_start(tmp_path: Any) -> None:
    from comments_service import create_app

    app = create_app({"PLEIN_DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}", "PLEIN_SECRET_KEY": "k"})
    try:
        with app.app_context():
            assert not db.needs_upgrade(db.engine())
    finally:
        close_app(app)


def test_the_default_database_lives_in_the_instance_folder(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from comments_service.config import load_settings

    monkeypatch.delenv("PLEIN_DATABASE_URL", raising=False)
    settings = load_settings({"PLEIN_SECRET_KEY": "k"}, tmp_path)
    assert settings.database_url == f"sqlite:///{tmp_path / 'plein.sqlite3'}"


def test_upgrading_keeps_former_texts_only_and_the_history_answer(
    settings: dict[str, Any], empty_database_url: str
) -> None:
    """0004 drops each comment's copy of its current text, the revisions answer stays; 0003 brings it back."""
    from comments_service import create_app

    from service_helpers import PROXY_ADDRESS, Member, client_from, wait_for_first_index

    moments = [dt.datetime(2026, 11, day, 9, 30, 15, 123456, tzinfo=dt.UTC) for day in (1, 2, 3, 4)]
    old_style = [  # (comment, text, html, created): every text, the current one included
        (1, "Eerste", "<p>Eerste</p>", moments[0]),
        (2, "Een", "<p>Een</p>", moments[1]),
        (2, "Twee", "<p>Twee</p>", moments[2]),
        (2, "Drie", "<p>Drie</p>", moments[3]),
    ]
    revisions = CommentRevision.__table__
    stored = select(revisions.c.comment_id, revisions.c.text, revisions.c.html, revisions.c.created).order_by(
        revisions.c.id
    )
    engine = db.make_engine(empty_database_url)
    try:
        command.upgrade(db.alembic_config(engine), "0003")
        with engine.begin() as connection:
            people_0003 = table("people", column("id"), column("name"), column("created", UTCDateTime()))
            connection.execute(insert(people_0003), {"id": "sanne", "name": "Sanne", "created": moments[0]})
            connection.execute(insert(Page), {"pk": 1, "identity": "p", "url": "p/", "title": "P"})
            connection.execute(
                insert(Comment),
                [
                    {"id": 1, "page_pk": 1, "author_id": "sanne", "text": "Eerste", "html": "<p>Eerste</p>",
                     "state": "visible", "created": moments[0], "edited": None},
                    {"id": 2, "page_pk": 1, "author_id": "sanne", "text": "Drie", "html": "<p>Drie</p>",
                     "state": "visible", "created": moments[1], "edited": moments[3]},
                ],
            )
            connection.execute(
                insert(revisions),
                [{"comment_id": c, "text": t, "html": h, "created": created} for c, t, h, created in old_style],
            )

        app = create_app({**settings, "PLEIN_DATABASE_URL": empty_database_url})
        wait_for_first_index(app)
        app.extensions["plein_search"].close()
        sanne = Member(client_from(app, PROXY_ADDRESS), "sanne", "Sanne")
        for comment_id in (1, 2):
            expected = [
                {"html": h, "text": t, "created": created.isoformat()}
                for c, t, h, created in old_style
                if c == comment_id
            ]
            assert sanne.get(f"/api/comments/{comment_id}/revisions").json["revisions"] == expected
        with app.app_context():
            db.engine().dispose()
        with engine.connect() as connection:
            assert [tuple(row) for row in connection.execute(stored)] == [old_style[1], old_style[2]]

        command.downgrade(db.alembic_config(engine), "0003")
        with engine.connect() as connection:
            assert sorted(tuple(row) for row in connection.execute(stored)) == sorted(old_style)
    finally:
        engine.dispose()


def test_upgrading_makes_stored_code_blocks_focusable_and_renews_their_pages_etags(empty_database_url: str) -> None:
    """0017 gives the code blocks of comments and earlier versions stored before it the sanitizer's tabindex."""
    created = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
    code, escaped = "<pre><code>print(1)\n</code></pre>", "<p>&lt;pre&gt; is geen blok</p>"
    comments = Comment.__table__
    engine = db.make_engine(empty_database_url)

    def stored() -> tuple[list[tuple[int, str]], list[str], list[tuple[int, int]]]:
        with engine.connect() as connection:
            return (
                [tuple(row) for row in connection.execute(select(comments.c.id, comments.c.html).order_by("id"))],
                list(connection.scalars(select(CommentRevision.__table__.c.html))),
                [tuple(row) for row in connection.execute(select(Page.pk, Page.version).order_by(Page.pk))],
            )

    try:
        command.upgrade(db.alembic_config(engine), "0016")
        with engine.begin() as connection:
            connection.execute(insert(table("people", column("id"), column("name"), column("created", UTCDateTime()))),
                               {"id": "sanne", "name": "Sanne", "created": created})
            connection.execute(insert(Page), [{"pk": pk, "identity": f"p{pk}", "url": f"p{pk}/", "title": "P",
                                               "version": 5} for pk in (1, 2, 3)])
            connection.execute(insert(Comment), [
                {"id": number, "page_pk": page, "author_id": "sanne", "text": "t", "html": html, "state": "visible",
                 "created": created, "edited": created if number == 3 else None}
                for number, page, html in ((1, 1, code + code), (2, 2, escaped), (3, 3, "<p>nu zonder code</p>"))
            ])
            connection.execute(insert(CommentRevision),
                               {"comment_id": 3, "text": "t", "html": code, "created": created})

        command.upgrade(db.alembic_config(engine), "0017")
        focusable = code.replace("<pre>", '<pre tabindex="0">')
        assert stored() == ([(1, focusable + focusable), (2, escaped), (3, "<p>nu zonder code</p>")], [focusable],
                            [(1, 6), (2, 5), (3, 6)])

        command.downgrade(db.alembic_config(engine), "0016")
        assert stored() == ([(1, code + code), (2, escaped), (3, "<p>nu zonder code</p>")], [code],
                            [(1, 7), (2, 5), (3, 7)])
    finally:
        engine.dispose()


def test_upgrading_fills_the_folded_names_people_are_found_and_sorted_by(empty_database_url: str) -> None:
    """0018 stores the name of everyone already known without case or accents, and indexes it."""
    engine = db.make_engine(empty_database_url)
    people = table("people", column("id"), column("name"), column("created", UTCDateTime()))
    created = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
    try:
        command.upgrade(db.alembic_config(engine), "0017")
        with engine.begin() as connection:
            connection.execute(insert(people), [{"id": id_, "name": name, "created": created} for id_, name in (
                ("ozlem", "Özlem Yılmaz"), ("daan", "de Vries, Daan"), ("erased-1", ""))])

        command.upgrade(db.alembic_config(engine), "0018")
        with engine.connect() as connection:
            keys = connection.execute(text("SELECT id, name_key FROM people ORDER BY name_key")).all()
        assert [tuple(row) for row in keys] == [("erased-1", ""), ("daan", "de vries, daan"),
                                                ("ozlem", "ozlem yilmaz")]
        assert "ix_people_name_key" in {index["name"] for index in inspect(engine).get_indexes("people")}

        command.downgrade(db.alembic_config(engine), "0017")
        assert "name_key" not in {found["name"] for found in inspect(engine).get_columns("people")}
    finally:
        engine.dispose()


def _write_after_fork(engine: Engine, out: Any) -> None:
    inherited = engine.pool.checkedin()
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO forked (name) VALUES ('child')"))
    out.put(inherited)


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_worker_opens_connections_of_its_own(tmp_path: Any) -> None:
    """gunicorn's preload: the master made the engine and used it; a connection must not cross the fork."""
    engine = db.make_engine(f"sqlite:///{tmp_path / 'fork.sqlite3'}")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE forked (name TEXT)"))
        assert engine.pool.checkedin() == 1
        fork = multiprocessing.get_context("fork")
        out = fork.Queue()
        child = fork.Process(target=_write_after_fork, args=(engine, out))
        child.start()
        try:
            assert out.get(timeout=20) == 0
        finally:
            child.join(10)
        assert child.exitcode == 0
        assert engine.pool.checkedin() == 1, "the parent keeps its own"
        with engine.connect() as connection:
            assert connection.execute(text("SELECT name FROM forked")).scalars().all() == ["child"]
    finally:
        engine.dispose()
