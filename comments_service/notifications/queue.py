"""The notification queue: a comment's write queues it; the job worker tells the people it concerns.

A write adds one row to ``notification_queue`` in its own transaction (so nothing is lost, whatever happens after
the commit) and asks for a run of the job worker; the worker takes the queue oldest first, in batches, applies
the rules (``events``) to a whole batch with one query and writes its notifications in one transaction, within
about a second of the write. So a write's cost and its hold on SQLite's one write lock do not grow with the
people it concerns (a comment on a page 10,000 people follow), as Discourse's post alerts run in a job.

Several workers may run at once (a worker per host): each batch is taken by deleting its rows, and a worker that
finds some of them gone (another took them first) gives up the batch and reads the queue again, so a change is
told once. That needs an id to name one change for good, which SQLite promises only with ``AUTOINCREMENT``
(migration 0019).
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from .. import db
from ..models import Comment, CommentState
from ..prepared import Prepared, parameters_named
from ..services.comments import Written
from ..signals import comment_written
from .events import Action, Change, events_of, write_events
from .models import QueuedChange

QUESTION_ASKED = "plein.notifications.question_asked"
"""``Session.info`` key: the id of the comment this write posted as a question; its page's owners hear of it as a
question (``Kind.QUESTION``), not as a comment."""
QUEUED = "plein.notifications.queued"
"""``Session.info`` key: this write queued a change, so a run of the job worker is asked for after the commit."""
BATCH = 500
"""Changes told per transaction: the queue of a second of the heaviest write load."""


_QUEUE = Prepared(insert(QueuedChange).values(parameters_named("comment_id", "action")))
_OLDEST = (
    select(QueuedChange.id, QueuedChange.action, Comment.id, Comment.page_pk, Comment.parent_id, Comment.author_id,
           Comment.text, Comment.html, Comment.as_department, Comment.state == CommentState.VISIBLE.value,
           Comment.edited, Comment.created)
    .join(Comment, Comment.id == QueuedChange.comment_id)
    .order_by(QueuedChange.id)
)


def on_comment_written(app: Flask, *, session: Session, action: str, written: Written, **_: object) -> None:
    """Queue a new comment, and an edit that mentions someone (or a department) anew; in the write's transaction."""
    if action == "created":
        queued = Action.ASKED if session.info.get(QUESTION_ASKED) == written.row.id else Action.CREATED
    elif action == "edited" and written.mentions_anew:
        queued = Action.EDITED
    else:
        return
    _QUEUE.execute(session, {"comment_id": written.row.id, "action": queued.value})
    session.info[QUEUED] = True


class _Taken(Exception):
    """Another worker took some of the batch first."""


def _tell_batch(session: Session, limit: int) -> tuple[int, bool]:
    """Tell the oldest ``limit`` queued changes: (how many, whether mail may be due at once).

    The rules read before the batch is taken: on SQLite that is before this transaction takes the write lock,
    which the service's writes wait for."""
    rows = session.execute(_OLDEST.limit(limit)).all()
    if not rows:
        return 0, False
    changes = [Change(action, comment_id, page_pk, parent_id, author_id, text, html, department, bool(visible),
                      edited or created)
               for _, action, comment_id, page_pk, parent_id, author_id, text, html, department, visible, edited,
               created in rows]
    events = events_of(session, changes)
    ids = [row[0] for row in rows]
    taken = session.scalars(delete(QueuedChange).where(QueuedChange.id.in_(ids)).returning(QueuedChange.id)).all()
    if len(taken) != len(ids):
        raise _Taken
    return len(ids), write_events(session.connection(), events)


def notify_queued(limit: int = BATCH) -> bool:
    """Write the notifications of every queued change, oldest first; whether mail may be due at once.

    Runs in the app's context (the job worker's), each batch in a transaction of its own."""
    mail_due = False
    while True:
        try:
            told, mailed = db.retried(lambda session: _tell_batch(session, limit))
        except _Taken:
            continue
        mail_due = mail_due or mailed
        if told < limit:
            return mail_due


def init_app(app: Flask) -> None:
    """Queue the service's comment changes."""
    comment_written.connect(on_comment_written, app, weak=False)
