"""Comments their authors removed: dated when removed, and purged (text, HTML, revisions, hashtags) once
``PLEIN_DELETED_RETENTION_DAYS`` have passed.

Until then moderators can still tell what was said if a complaint comes in (the API answers nobody: 410);
afterwards only the placeholder remains. The purge runs hourly in the job worker; several workers may run it
at once, and a purge of what is already blank changes nothing, so the database alone decides what is due.
"""

from __future__ import annotations

import datetime as dt
import json

from flask import Flask
from huey import crontab
from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.orm import Session

from .. import db
from ..clock import utcnow
from ..models import Comment, CommentRevision, CommentState, HashtagUse
from ..notifications import jobs
from .models import AuditEntry

PURGE_BATCH = 500


def note_removal(app: Flask, *, session: Session, comment_id: int, action: str, **_: object) -> None:
    """``comment_written`` listener: a comment its author removes is dated in the same transaction."""
    if action == "removed":
        session.connection().execute(update(Comment).where(Comment.id == comment_id).values(removed_at=utcnow()))


def purge_due(session: Session, retention_days: int) -> int:
    """Blank the comments removed ``retention_days`` ago or longer that still hold anything; returns how many."""
    cutoff = utcnow() - dt.timedelta(days=retention_days)
    holds_something = or_(
        Comment.text != "",
        Comment.html != "",
        exists().where(CommentRevision.comment_id == Comment.id),
        exists().where(HashtagUse.comment_id == Comment.id),
    )
    due = select(Comment.id).where(
        and_(Comment.state == CommentState.REMOVED.value, Comment.removed_at <= cutoff, holds_something)
    ).order_by(Comment.id).limit(PURGE_BATCH)
    purged = 0
    while ids := list(session.scalars(due)):
        session.execute(delete(CommentRevision).where(CommentRevision.comment_id.in_(ids)))
        session.execute(delete(HashtagUse).where(HashtagUse.comment_id.in_(ids)))
        session.execute(update(Comment).where(Comment.id.in_(ids)).values(text="", html=""))
        purged += len(ids)
    if purged:
        session.add(AuditEntry(action="purge", detail=json.dumps({"comments": purged})))
    return purged


@jobs.periodic("purge_removed_comments", crontab(minute="23"))
def purge_removed_comments(app: Flask) -> int:
    """The hourly purge, in one transaction."""
    with db.transaction() as session:
        return purge_due(session, app.extensions["plein"].deleted_retention_days)
