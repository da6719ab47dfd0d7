"""The checks behind ``/api/health``: each reads what it needs in one small query and says whether it holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..models import Comment, SearchQueue
from ..notifications.models import QueuedChange

QUEUE_LATE = dt.timedelta(minutes=1)
"""A queued comment this old means no job worker takes the queue: a running one tells it within about a second
(its idle consumer looks at least twice a second, and every minute's run tells the queue too)."""

SEARCH_LATE = dt.timedelta(minutes=1)
"""A comment queued for search this long means no search writer drains: one drains every second (the service
itself with ``PLEIN_SEARCH_INDEXER=inline``, else ``flask search-indexer``), or rebuilds the index whole."""


@dataclass(frozen=True)
class Check:
    """One thing looked at: whether it holds, and the figures that show it."""

    ok: bool
    figures: dict[str, object]


def _waiting(
    session: Session, count_and_oldest: Select[int, dt.datetime | None], late_after: dt.timedelta
) -> Check:
    """How many rows wait and how long the oldest has (0 when none); holds while that is at most ``late_after``."""
    waiting, oldest = session.execute(count_and_oldest).one()
    age = max(utcnow() - oldest, dt.timedelta(0)) if oldest is not None else dt.timedelta(0)
    return Check(age <= late_after, {"waiting": waiting, "oldest_seconds": round(age.total_seconds(), 1),
                                     "late_after_seconds": late_after.total_seconds()})


def notification_queue(session: Session) -> Check:
    """The comments waiting to be told and the age of the oldest, from its write (a queued comment is new, or
    edited with a new mention, so its latest write is when it was queued)."""
    queued_at = func.coalesce(Comment.edited, Comment.created)
    counted = select(func.count(QueuedChange.id), func.min(queued_at))
    return _waiting(session, counted.join(Comment, Comment.id == QueuedChange.comment_id), QUEUE_LATE)


def search_queue(session: Session) -> Check:
    """The comments waiting for the search index and the age of the oldest, from when it was queued (a hidden
    old comment is queued long after it was written)."""
    return _waiting(session, select(func.count(SearchQueue.id), func.min(SearchQueue.queued_at)), SEARCH_LATE)
