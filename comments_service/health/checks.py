"""The checks behind ``/api/health``: each reads what it needs in one small query and says whether it holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..models import Comment
from ..notifications.models import QueuedChange

QUEUE_LATE = dt.timedelta(minutes=1)
"""A queued comment this old means no job worker takes the queue: a running one tells it within about a second
(its idle consumer looks at least twice a second, and every minute's run tells the queue too)."""


@dataclass(frozen=True)
class Check:
    """One thing looked at: whether it holds, and the figures that show it."""

    ok: bool
    figures: dict[str, object]


def notification_queue(session: Session) -> Check:
    """The comments waiting to be told and the age of the oldest, from its write (a queued comment is new, or
    edited with a new mention, so its latest write is when it was queued)."""
    queued_at = func.coalesce(Comment.edited, Comment.created)
    waiting, oldest = session.execute(
        select(func.count(QueuedChange.id), func.min(queued_at)).join(Comment, Comment.id == QueuedChange.comment_id)
    ).one()
    age = max(utcnow() - oldest, dt.timedelta(0)) if oldest is not None else dt.timedelta(0)
    return Check(age <= QUEUE_LATE, {"waiting": waiting, "oldest_seconds": round(age.total_seconds(), 1),
                                     "late_after_seconds": QUEUE_LATE.total_seconds()})
