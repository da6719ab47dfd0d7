"""Signals other parts connect to (search indexing, later notifications), sent after each commit.

``comment_changed``: ``sender`` is the app; keyword ``comment_id`` (int), ``page_id`` (str) and
``action``: one of ``created``, ``edited``, ``removed``, ``hidden``, ``restored``.

``pages_synced``: ``sender`` is the app; keyword ``summary`` (a :class:`comments_service.sync.SyncSummary`).
"""

from __future__ import annotations

from blinker import Namespace
from flask import current_app

_signals = Namespace()

comment_changed = _signals.signal("plein-comment-changed")
pages_synced = _signals.signal("plein-pages-synced")


def announce_comment(comment_id: int, page_id: str, action: str) -> None:
    """Tell listeners a comment changed; call after the transaction committed."""
    comment_changed.send(current_app._get_current_object(), comment_id=comment_id, page_id=page_id, action=action)
