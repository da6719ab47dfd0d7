"""Prepared statements (`comments_service.prepared`) answer and fail as Core would, in the session's transaction, on
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import bindparam, insert, select, text
from sqlalchemy.exc import ArgumentError, IntegrityError
from sqlalchemy.orm import Session

from comments_service import db
from comments_service.models import Comment, HashtagUse, Page, Person, SearchQueue
from comments_service.prepared import Prepared, parameters_named
from comments_service.services.pages import PAGE_COLUMNS

from service_helpers import PAGE, counted_queries

WHEN = dt.datetime(2026, 3, 4, 5, 6, 7, 89, tzinfo=dt.UTC)
TOUCH_OPEN = Prepared(
    Page.__table__.update()
    .where(Page.identity == bindparam("page_identity"), Page.archived.is_(False))
    .values(version=Page.version + 1)
    .returning(*PAGE_COLUMNS)
)
INSERT_COMMENT = Prepared(
    insert(Comment)
    .values(parameters_named("page_pk", "author_id", "text", "html", "state", "created"))
    .returning(Comment.id, Comment.created)
)
INSERT_TAG = Prepared(insert(HashtagUse).values(parameters_named("slug", "page_pk", "comment_id", "created")))
PEOPLE_NAMED = Prepared(
    select(Person.id, Person.low_profile).where(Person.name == bindparam("name")).order_by(Person.id)
)


@pytest.fixture
def session(app: Flask, page: str) -> Iterator[Session]:
    """The session of an app context, with the test page synced and one person stored."""
    context = app.app_context()
    context.push()
    session = db.session()
    session.add(Person(id="ans", name="Ans", email=None))
    session.commit()
    yield session
    session.rollback()
    context.pop()


def new_comment(session: Session, page_pk: int, words: str = "Hallo") -> int:
    comment_id, _ = INSERT_COMMENT.first(session, {"page_pk": page_pk, "author_id": "ans", "text": words,
                                                   "html": f"<p>{words}</p>", "state": "visible", "created": WHEN})
    return comment_id


def test_rows_come_as_core_gives_them(session: Session) -> None:
    core_row = session.execute(TOUCH_OPEN.statement, {"page_identity": PAGE}).one()
    session.rollback()
    row = TOUCH_OPEN.first(session, {"page_identity": PAGE})
    assert row == tuple(core_row) and type(row[4]) is bool  # SQLite's 0 comes as False, as Core gives it
    assert row is not None and row[1] == PAGE
    assert TOUCH_OPEN.first(session, {"page_identity": "no/such/page"}) is None
    assert PEOPLE_NAMED.first(session, {"name": "Ans"}) == ("ans", False)
    assert TOUCH_OPEN.scalar(session, {"page_identity": PAGE}) == row[0]


def test_datetimes_are_stored_as_core_stores_them(session: Session) -> None:
    page_pk = TOUCH_OPEN.scalar(session, {"page_identity": PAGE})
    comment_id, created = INSERT_COMMENT.first(
        session, {"page_pk": page_pk, "author_id": "ans", "text": "a", "html": "<p>a</p>", "state": "visible",
                  "created": WHEN.astimezone(dt.timezone(dt.timedelta(hours=2)))})
    core_id = session.execute(INSERT_COMMENT.statement, {"page_pk": page_pk, "author_id": "ans", "text": "b",
                                                         "html": "<p>b</p>", "state": "visible",
                                                         "created": WHEN}).one()[0]
    stored = dict(session.execute(text("SELECT id, created FROM comments")).all())
    assert stored[comment_id] == stored[core_id], "the same text (SQLite) or timestamp (PostgreSQL) as Core's"
    assert created == WHEN and session.get(Comment, comment_id).created == WHEN  # type: ignore[union-attr]


def test_many_rows_and_the_transaction_are_the_sessions(session: Session) -> None:
    version = session.scalar(select(Page.version).where(Page.identity == PAGE))
    session.rollback()
    page_pk = TOUCH_OPEN.scalar(session, {"page_identity": PAGE})
    comment_id = new_comment(session, page_pk)
    INSERT_TAG.execute_many(session, [{"slug": slug, "page_pk": page_pk, "comment_id": comment_id, "created": WHEN}
                                      for slug in ("gedoe", "fiets", "koffie")])
    assert session.scalars(select(HashtagUse.slug).order_by(HashtagUse.id)).all() == ["gedoe", "fiets", "koffie"]
    session.rollback()
    assert session.scalar(select(HashtagUse.id)) is None and session.get(Comment, comment_id) is None
    assert session.scalar(select(Page.version).where(Page.identity == PAGE)) == version, "the touch went back too"


def test_driver_errors_come_as_sqlalchemys(session: Session) -> None:
    page_pk = TOUCH_OPEN.scalar(session, {"page_identity": PAGE})
    comment_id = new_comment(session, page_pk)
    tag = {"slug": "gedoe", "page_pk": page_pk, "comment_id": comment_id, "created": WHEN}
    INSERT_TAG.execute(session, tag)
    with pytest.raises(IntegrityError) as raised:
        INSERT_TAG.execute(session, tag)
    assert "uq_hashtag_uses_target_slug" in str(raised.value) or "UNIQUE" in str(raised.value)
    if db.engine().dialect.name == "postgresql":
        assert raised.value.orig.sqlstate == "23505"  # type: ignore[union-attr]  # what db.retried reads
    session.rollback()
    assert session.scalar(select(Comment.id)) is None


def test_statement_listeners_hear_them(app: Flask, session: Session) -> None:
    with counted_queries(app) as statements:
        TOUCH_OPEN.first(session, {"page_identity": PAGE})
        INSERT_TAG.execute_many(session, [])
    assert len(statements) == 2 and statements[0].startswith("UPDATE pages SET version")


def test_what_a_prepared_run_cannot_do_is_refused_clearly(session: Session) -> None:
    with pytest.raises(ArgumentError, match="queued_at"):  # a Python-side default, which Core computes per run
        Prepared(insert(SearchQueue).values(comment_id=bindparam("comment_id"))).execute(session, {"comment_id": 1})
    with pytest.raises(ArgumentError, match="expanding"):
        Prepared(select(Person.id).where(Person.id.in_(bindparam("ids", expanding=True)))).first(session, {"ids": []})
    with pytest.raises(ArgumentError, match="page_identity"):
        TOUCH_OPEN.first(session, {})
    with pytest.raises(ArgumentError, match="created"):  # before its processor would meet the gap
        INSERT_TAG.execute(session, {"slug": "gedoe", "page_pk": 1, "comment_id": None})
