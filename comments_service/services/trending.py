"""Which hashtags are used most lately: counted in the database, never in the search index.

A use is a hashtag in a visible comment on a live page, or on a live page itself, counted from the
moment it was written (a comment) or first appeared in a build (a page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..models import Comment, CommentState, HashtagUse, Page

WINDOWS_DAYS = (7, 30)
TOP = 10


@dataclass(frozen=True)
class TrendingHashtag:
    """A hashtag and how often it was used in the window."""

    slug: str
    count: int


def trending(session: Session, days: int, limit: int = TOP, now: dt.datetime | None = None) -> list[TrendingHashtag]:
    """The ``limit`` most used hashtags of the last ``days`` days, most used first, then by name."""
    since = (now or utcnow()) - dt.timedelta(days=days)
    uses = func.count(HashtagUse.id)
    statement = (
        select(HashtagUse.slug, uses)
        .join(Page, Page.pk == HashtagUse.page_pk)
        .outerjoin(Comment, Comment.id == HashtagUse.comment_id)
        .where(
            HashtagUse.created >= since,
            Page.archived.is_(False),
            or_(HashtagUse.comment_id.is_(None), Comment.state == CommentState.VISIBLE.value),
        )
        .group_by(HashtagUse.slug)
        .order_by(uses.desc(), HashtagUse.slug)
        .limit(limit)
    )
    return [TrendingHashtag(slug, count) for slug, count in session.execute(statement)]
