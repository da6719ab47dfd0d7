"""Reactions on pages and comments: toggle one emoji, or see the counts and who reacted."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import db
from ..errors import reader_language
from ..identity import current_viewer, settings
from ..security import require_writer
from ..services import idempotency
from ..services.reactions import Target, comment_target, page_target, reactions_of, toggle_reaction
from ..signals import record_reaction
from .payload import json_object, string_field

bp = Blueprint("reactions", __name__)
COLLEAGUE = {"nl": "een collega", "en": "a colleague"}


def _toggle(find_target: Callable[[Session], Target]) -> dict[str, object]:
    """Toggle the body's emoji on the target and answer with its ``Reactions``.

    With an ``Idempotency-Key`` already used (a double click, a retry), nothing is toggled again: the answer is
    the reactions as they are, the same as the first request's.
    """
    viewer = require_writer()
    emoji = string_field(json_object(), "emoji")
    key = idempotency.offered_key()
    config = settings()

    def apply(session: Session) -> dict[str, object]:
        target = find_target(session)
        if key is None or idempotency.seen(session, viewer.id, key) is None:
            toggle_reaction(session, config, viewer, target, emoji)
            if key is not None:
                idempotency.remember(session, viewer.id, key)
            session.flush()
            record_reaction(session, target.page.pk, target.comment_id, viewer.id)
        return reactions_of(session, config, viewer, target, with_people=False)

    try:
        return db.retried(apply)
    except IntegrityError:
        if key is None:
            raise
        return db.retried(apply)  # the same key at the same moment: now seen, so only answered


def _list(find_target: Callable[[Session], Target]) -> dict[str, object]:
    """The target's ``Reactions`` with who reacted (low-profile people as "a colleague" in the reader's language)."""
    session = db.session()
    colleague = COLLEAGUE[reader_language()]
    return reactions_of(session, settings(), current_viewer(), find_target(session), with_people=True,
                        colleague=colleague)


@bp.post("/pages/<path:page_id>/reactions")
def toggle_on_page(page_id: str) -> dict[str, object]:
    """Add or take back a reaction to the page itself."""
    return _toggle(lambda session: page_target(session, page_id))


@bp.post("/comments/<int:comment_id>/reactions")
def toggle_on_comment(comment_id: int) -> dict[str, object]:
    """Add or take back a reaction to a visible comment."""
    return _toggle(lambda session: comment_target(session, comment_id))


@bp.get("/pages/<path:page_id>/reactions")
def page_reactions(page_id: str) -> dict[str, object]:
    """Counts, the viewer's own and who reacted to the page."""
    return _list(lambda session: page_target(session, page_id))


@bp.get("/comments/<int:comment_id>/reactions")
def comment_reactions(comment_id: int) -> dict[str, object]:
    """Counts, the viewer's own and who reacted to a visible comment."""
    return _list(lambda session: comment_target(session, comment_id))
