"""Signals other parts connect to (search indexing, later notifications).

``comment_written``: sent inside the transaction that changed a comment, before it commits, so a
listener can record what it needs atomically with the change (search queues the comment this way).
``sender`` is the app; keyword ``session`` (the transaction's :class:`sqlalchemy.orm.Session`),
``comment_id`` (int) and ``action`` (as below). Listeners must not commit.

``comment_changed``: sent after the commit; ``sender`` is the app; keyword ``comment_id`` (int),
``page_id`` (str) and ``action``: one of ``created``, ``edited``, ``removed``, ``hidden``, ``restored``.

``pages_synced``: ``sender`` is the app; keyword ``summary`` (a :class:`comments_service.sync.SyncSummary`).
"""

from __future__ import annotations

from blinker import Namespace
from flask import current_app
from sqlalchemy.orm import Session

_signals = Namespace()

comment_written = _signals.signal("plein-comment-written")
comment_changed = _signals.signal("plein-comment-changed")
pages_synced = _signals.signal("plein-pages-synced")


def record_comment(session: Session, comment_id: int, action: str) -> None:
    """Tell listeners a comment is changing; call inside its transaction, after the change."""
    comment_written.send(current_app._get_current_object(), session=session, comment_id=comment_id, action=action)


def announce_comment(comment_id: int, page_id: str, action: str) -> None:
    """Tell listeners a comment changed; call after the transaction committed."""
    comment_changed.send(current_app._get_current_object(), comment_id=comment_id, page_id=page_id, action=action)
