"""One comment: edit and remove (its author), earlier versions, hide and restore (moderators)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint
from sqlalchemy.orm import Session

from .. import db
from ..identity import current_viewer, settings
from ..security import require_writer
from ..services.comments import (
    Written,
    comment_answer,
    comment_revisions,
    edit_comment,
    moderate_comment,
    remove_comment,
    too_long,
)
from ..services.present import iso
from ..signals import announce_comment, record_comment
from .payload import json_object, string_field

bp = Blueprint("comments", __name__)


def write_comment(action: str, change: Callable[[Session], Written]) -> dict[str, object]:
    """Run ``change`` in a transaction and answer with the comment as the writer now sees it.

    Listeners hear of it twice: inside the transaction (search queues the comment with the change) and
    after the commit (notifications). The answer is made after the commit: on SQLite the transaction holds
    the database's one write lock, which the other workers wait for.
    """
    def apply(session: Session) -> Written:
        written = change(session)
        record_comment(session, written, action)
        return written

    written = db.retried(apply)
    announce_comment(written.row.id, written.page.identity, action)
    return comment_answer(db.session(), settings(), current_viewer(), written)


@bp.patch("/comments/<int:comment_id>")
def edit(comment_id: int) -> dict[str, object]:
    """New text from the author; the old text stays as a revision."""
    viewer = require_writer()
    text = string_field(json_object(too_large=too_long(settings())), "text")
    return write_comment("edited", lambda session: edit_comment(session, settings(), viewer, comment_id, text))


@bp.delete("/comments/<int:comment_id>")
def remove(comment_id: int) -> dict[str, object]:
    """The author takes the comment back (soft delete)."""
    viewer = require_writer()
    return write_comment("removed", lambda session: remove_comment(session, viewer, comment_id))


@bp.post("/comments/<int:comment_id>/hide")
def hide(comment_id: int) -> dict[str, object]:
    """A moderator hides the comment from everyone else."""
    viewer = require_writer()
    return write_comment("hidden", lambda session: moderate_comment(session, viewer, comment_id, hide=True))


@bp.post("/comments/<int:comment_id>/restore")
def restore(comment_id: int) -> dict[str, object]:
    """A moderator shows a hidden comment again."""
    viewer = require_writer()
    return write_comment("restored", lambda session: moderate_comment(session, viewer, comment_id, hide=False))


@bp.get("/comments/<int:comment_id>/revisions")
def revisions(comment_id: int) -> dict[str, object]:
    """Every text the comment has had, oldest first (author and moderators)."""
    history = comment_revisions(db.session(), current_viewer(), comment_id)
    return {"revisions": [{"html": rev.html, "text": rev.text, "created": iso(rev.created)} for rev in history]}
