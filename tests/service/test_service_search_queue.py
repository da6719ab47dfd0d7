"""The search queue: a comment's change is queued in its own transaction, and the writer's drain takes it.

The background drains are stopped in these tests (`backend.close()`), so each step is the test's own.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, insert, select

from comments_service import db
from comments_service.models import Comment, CommentRevision, HashtagUse, SearchQueue
from comments_service.search.views import EXTENSION
from comments_service.search.whoosh_backend import WhooshBackend
from service_helpers import Member


def queued(app: Flask) -> list[int]:
    """The comment ids waiting in the queue, oldest first."""
    with app.app_context():
        return list(db.session().scalars(select(SearchQueue.comment_id).order_by(SearchQueue.id)))


def paused_backend(app: Flask) -> WhooshBackend:
    """The app's backend with its background drains stopped: only the test drains."""
    backend: WhooshBackend = app.extensions[EXTENSION]
    backend.close()
    return backend


def drain(backend: WhooshBackend) -> None:
    """What the writer does every half second; then this process's searcher sees the commit at once."""
    backend.drain()
    backend.refresh()


def search_ids(client: FlaskClient, query: str) -> list[str]:
    answer = client.get(f"/api/search?q={query}")
    assert answer.status_code == 200, answer.json
    return [result["doc_id"] for result in answer.json["results"]]


def test_a_comment_is_queued_by_its_write_and_indexed_by_the_next_drain(
    app: Flask, page: str, sanne: Member, client: FlaskClient
) -> None:
    backend = paused_backend(app)
    comment = sanne.comment(page, "De fietsenstalling staat weer vol")
    assert queued(app) == [comment["id"]]
    assert search_ids(client, "fietsenstalling") == []

    drain(backend)

    assert queued(app) == []
    assert search_ids(client, "fietsenstalling") == [f"comment:{comment['id']}"]


def test_a_refused_write_queues_nothing(app: Flask, page: str, sanne: Member, joost: Member) -> None:
    paused_backend(app)
    comment = sanne.comment(page, "Eerste versie")
    assert queued(app) == [comment["id"]]

    assert sanne.post(f"/api/pages/{page}/comments", {"text": "   "}).status_code == 422
    assert joost.patch(f"/api/comments/{comment['id']}", {"text": "Niet van mij"}).status_code == 403
    assert sanne.post(f"/api/pages/{page}/comments", {"text": "x", "parent_id": 999_999}).status_code == 400

    assert queued(app) == [comment["id"]]


def test_every_change_is_queued_and_the_drain_follows_the_comment_as_it_is_now(
    app: Flask, page: str, sanne: Member, moderator: Member, client: FlaskClient
) -> None:
    backend = paused_backend(app)
    comment = sanne.comment(page, "Wie heeft de sleutel van de kluis")
    assert sanne.patch(f"/api/comments/{comment['id']}", {"text": "Wie heeft de sleutel van het archief"}).status_code == 200
    assert moderator.post(f"/api/comments/{comment['id']}/hide").status_code == 200
    assert queued(app) == [comment["id"]] * 3

    drain(backend)

    assert queued(app) == []
    assert search_ids(client, "sleutel") == []  # hidden: whatever the earlier rows said
    assert moderator.post(f"/api/comments/{comment['id']}/restore").status_code == 200
    drain(backend)
    assert search_ids(client, "archief") == [f"comment:{comment['id']}"]
    assert search_ids(client, "kluis") == []  # the edited text replaced the first one


def test_taking_the_same_comment_twice_changes_nothing(
    app: Flask, page: str, sanne: Member, client: FlaskClient
) -> None:
    """A crash between the spool and the queue's delete replays rows: indexing is idempotent."""
    backend = paused_backend(app)
    comment = sanne.comment(page, "Koffie bij de receptie")
    drain(backend)
    with app.app_context(), db.transaction() as session:
        session.execute(insert(SearchQueue).values(comment_id=comment["id"]))
    drain(backend)

    assert queued(app) == []
    assert search_ids(client, "receptie") == [f"comment:{comment['id']}"]


def test_a_queued_comment_that_no_longer_exists_leaves_the_index(
    app: Flask, page: str, sanne: Member, client: FlaskClient
) -> None:
    """The queue has no foreign key: a comment erased for good still leaves the index."""
    backend = paused_backend(app)
    comment = sanne.comment(page, "Parkeren achter het gemeentehuis")
    drain(backend)
    assert search_ids(client, "gemeentehuis") == [f"comment:{comment['id']}"]

    with app.app_context(), db.transaction() as session:
        for column in (HashtagUse.comment_id, CommentRevision.comment_id, Comment.id):
            session.execute(delete(column.class_).where(column == comment["id"]))
        session.execute(insert(SearchQueue).values(comment_id=comment["id"]))
    drain(backend)

    assert queued(app) == []
    assert search_ids(client, "gemeentehuis") == []
