"""Lists of comments, newest first, a page at a time: the activity stream, a person's comments, what one follows.

Every list shows visible comments on live pages only, and never names a person who keeps a low profile: their
comments stay in the list (the conversation is what matters, and the page itself shows them with their name)
but without an author. The lists differ only in which comments they take (a ``Where``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, func, or_, select, true
from sqlalchemy.orm import Session

from ..models import Comment, CommentState, HashtagUse, Page, Person
from ..identity import settings
from ..rendering.excerpt import excerpt
from ..rendering.mentions import department_path, person_path
from ..notifications.follows import Target
from ..notifications.models import Follow
from ..services.pages import permalink, site_address

PER_PAGE = 20
LISTED_AT_MOST = 1000
"""A list pages back through this many comments, as search's totals stop at 1,000: counting every comment of the
site for the home page's stream cost 50 ms a request at 100,000 comments, and growing (benchmarks/activity)."""

Where = ColumnElement[bool]


@dataclass(frozen=True)
class Item:
    """One comment as lists and feeds show it; ``author_id`` and ``author`` are ``None`` for a low profile."""

    comment_id: int
    page_id: str
    page_title: str
    page_url: str  # from the site root
    permalink: str  # the comment in its page, from the site root
    html: str
    author_id: str | None
    author: str | None
    author_url: str | None  # their people page, from the site root
    created: dt.datetime
    edited: dt.datetime | None

    @property
    def excerpt(self) -> str:
        """The comment's text, cut after a word near ``LIST_MAX`` characters."""
        return excerpt(self.html)

    def as_json(self) -> dict[str, object]:
        """The ``ActivityItem`` of the API contract."""
        author = {"id": self.author_id, "name": self.author, "url": self.author_url} if self.author_id else None
        return {"id": self.comment_id, "page": {"id": self.page_id, "title": self.page_title, "url": self.page_url},
                "permalink": self.permalink, "excerpt": self.excerpt, "author": author,
                "created": self.created.isoformat(), "edited": self.edited.isoformat() if self.edited else None}


@dataclass(frozen=True)
class Listing:
    """One page of a list and how many pages the list has (at least 1, also when empty)."""

    items: list[Item]
    page: int
    pages: int


def everything() -> Where:
    """The whole site: the activity stream."""
    return true()


def by_author(person_id: str) -> Where:
    """What one person wrote in their own name (not as a department)."""
    return and_(Comment.author_id == person_id, Comment.as_department.is_(None))


def by_department(department: str) -> Where:
    """What members wrote in the name of a department."""
    return Comment.as_department == department


def on_page(page_pk: int) -> Where:
    """The conversation of one page."""
    return Comment.page_pk == page_pk


def with_hashtag(slug: str) -> Where:
    """Comments that use a hashtag."""
    return Comment.id.in_(select(HashtagUse.comment_id).where(HashtagUse.slug == slug,
                                                              HashtagUse.comment_id.is_not(None)))


def followed_by(session: Session, person_id: str) -> Where:
    """What the person follows (pages, hashtags, visible people), without their own comments."""
    targets: dict[str, list[str]] = {kind: [] for kind in Target}
    for kind, target in session.execute(select(Follow.target_kind, Follow.target).where(Follow.person_id == person_id)):
        targets.setdefault(kind, []).append(target)
    pages = [int(key) for key in targets[Target.PAGE] if key.isdigit()]
    reasons: list[Where] = []
    if pages:
        reasons.append(Comment.page_pk.in_(pages))
    if targets[Target.HASHTAG]:
        reasons.append(Comment.id.in_(select(HashtagUse.comment_id).where(
            HashtagUse.slug.in_(targets[Target.HASHTAG]), HashtagUse.comment_id.is_not(None))))
    if targets[Target.PERSON]:
        reasons.append(and_(Comment.author_id.in_(targets[Target.PERSON]), Person.low_profile.is_(False)))
    return and_(or_(*reasons) if reasons else false(), Comment.author_id != person_id)


def _shown(where: Where) -> list[Where]:
    return [where, Comment.state == CommentState.VISIBLE.value, Page.archived.is_(False)]


def listing(session: Session, site_root: str, where: Where, page: int, per_page: int = PER_PAGE) -> Listing:
    """The ``page``-th page (from 1) of the comments ``where`` takes, newest first; the pages reach back through
    the newest ``LISTED_AT_MOST`` comments."""
    counted = (select(Comment.id).join(Page, Page.pk == Comment.page_pk).join(Person, Person.id == Comment.author_id)
               .where(*_shown(where)).limit(LISTED_AT_MOST))
    total = session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    pages = max(1, -(-total // per_page))
    items = newest(session, site_root, where, per_page, (page - 1) * per_page) if page <= pages else []
    return Listing(items, page, pages)


def newest(session: Session, site_root: str, where: Where, limit: int, offset: int = 0) -> list[Item]:
    """The ``limit`` newest comments ``where`` takes, after the ``offset`` newer ones (feeds need no count)."""
    rows = session.execute(
        select(Comment.id, Page.identity, Page.title, Page.url, Comment.html, Person.id, Person.name,
               Person.low_profile, Comment.created, Comment.edited, Comment.as_department)
        .join(Page, Page.pk == Comment.page_pk)
        .join(Person, Person.id == Comment.author_id)
        .where(*_shown(where))
        .order_by(Comment.created.desc(), Comment.id.desc())
        .limit(limit)
        .offset(offset)
    )
    items = []
    departments = settings().departments
    for comment_id, identity, title, url, html, author_id, name, low_profile, created, edited, department in rows:
        page_url = site_address(site_root, url)
        shown = department is not None or not low_profile
        if department is not None:  # readers see the department, not who wrote it
            author_id, name, path = department, departments.get(department, department), department_path(department)
        else:
            path = person_path(author_id)
        items.append(Item(comment_id, identity, title, page_url, permalink(page_url, comment_id), html,
                          author_id if shown else None, name if shown else None,
                          site_root + path if shown else None, created, edited))
    return items


def hashtags_of(session: Session, person_id: str, limit: int = 30) -> list[tuple[str, int]]:
    """The hashtags a person uses in visible comments, most used first: ``(slug, uses)``."""
    uses = func.count(HashtagUse.id)
    return [(slug, count) for slug, count in session.execute(
        select(HashtagUse.slug, uses)
        .join(Comment, Comment.id == HashtagUse.comment_id)
        .where(Comment.author_id == person_id, Comment.state == CommentState.VISIBLE.value)
        .group_by(HashtagUse.slug)
        .order_by(uses.desc(), HashtagUse.slug)
        .limit(limit)
    )]
