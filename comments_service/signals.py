"""Signals other parts connect to (search indexing, notifications).

``comment_written``: sent inside the transaction that changed a comment, before it commits, so a
listener can record what it needs atomically with the change (search queues the comment this way).
``sender`` is the app; keyword ``session`` (the transaction's :class:`sqlalchemy.orm.Session`),
``comment_id`` (int), ``action`` (as below) and ``written`` (the
:class:`comments_service.services.comments.Written`). Listeners must not commit.

``reaction_written``: sent inside the transaction that added or took back a reaction; keyword ``session``,
``page_pk``, ``comment_id`` (``None`` for a reaction to the page) and ``actor_id``.

``comment_changed``: sent after the commit; ``sender`` is the app; keyword ``comment_id`` (int),
``page_id`` (str) and ``action``: one of ``created``, ``edited``, ``removed``, ``hidden``, ``restored``.

``pages_synced``: ``sender`` is the app; keyword ``summary`` (a :class:`comments_service.sync.SyncSummary`).

``search_answered``: sent after a search's first page of results was found (the API's or the results page's);
``sender`` is the app; keyword ``query`` (str) and ``found`` (bool: any result). Who searched is not said.

``pages_syncing``: sent inside the sync's transaction, after the pages were brought in step; keyword ``session``,
``entries`` (the manifest's :class:`comments_service.sync.ManifestPage` list) and ``pages`` (identity -> stored
``Page``). A listener may raise :class:`comments_service.sync.ManifestError`, which refuses the whole sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from blinker import Namespace
from flask import Flask, current_app
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from .services.comments import Written

_signals = Namespace()

comment_written = _signals.signal("plein-comment-written")
comment_changed = _signals.signal("plein-comment-changed")
reaction_written = _signals.signal("plein-reaction-written")
pages_synced = _signals.signal("plein-pages-synced")
pages_syncing = _signals.signal("plein-pages-syncing")
search_answered = _signals.signal("plein-search-answered")


def the_app() -> Flask:
    """The application behind ``current_app``: signals are sent by it, since blinker tells senders apart by
    identity and the proxy is not the object listeners connected to."""
    return current_app._get_current_object()  # type: ignore[attr-defined]  # typed as Flask; it is a LocalProxy


def record_comment(session: Session, written: Written, action: str) -> None:
    """Tell listeners a comment is changing; call inside its transaction, after the change."""
    comment_written.send(
        the_app(), session=session, comment_id=written.row.id, action=action, written=written
    )


def record_reaction(session: Session, page_pk: int, comment_id: int | None, actor_id: str) -> None:
    """Tell listeners a reaction was added or taken back; call inside its transaction."""
    reaction_written.send(
        the_app(), session=session, page_pk=page_pk, comment_id=comment_id, actor_id=actor_id
    )


def announce_comment(comment_id: int, page_id: str, action: str) -> None:
    """Tell listeners a comment changed; call after the transaction committed."""
    comment_changed.send(the_app(), comment_id=comment_id, page_id=page_id, action=action)


def announce_search(query: str, found: bool, page: int) -> None:
    """Tell listeners (analytics) what was searched and whether anything was found; the first page only."""
    if page == 1:
        search_answered.send(the_app(), query=query, found=found)
