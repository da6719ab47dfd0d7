"""A person's notifications: the newest first, a page at a time, and marking them read.

The unread count lives on the person's row (``people.unread``), kept with every change here and in
``events``, so the bell costs one primary-key read and never a count over the notifications.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, bindparam, case, func, select, update
from sqlalchemy.orm import Session, aliased

from ..clock import utcnow
from ..db import rows_changed
from ..errors import ApiError
from ..models import ID_MAX, Comment, CommentState, Page, Person
from ..people.names import listed_name
from ..rendering.excerpt import excerpt
from ..services.comments import get_comment
from ..services.pages import PAGE_COLUMNS, PageRef, get_page, permalink, site_address
from .follows import PAGE_KEY, Target
from .models import Follow, Notification

PER_PAGE = 20


@dataclass(frozen=True)
class Entry:
    """One notification as lists show it."""

    id: int
    kind: str
    count: int
    actor: str | None
    page_title: str
    url: str  # the comment in its page
    excerpt: str | None  # the comment's start; none once it is removed or hidden
    created: dt.datetime
    read: bool

    def as_json(self) -> dict[str, object]:
        """The ``Notification`` of the API contract."""
        return {"id": self.id, "kind": self.kind, "count": self.count, "actor": self.actor,
                "page_title": self.page_title, "url": self.url, "excerpt": self.excerpt,
                "created": self.created.isoformat(), "read": self.read}


def unread_count(session: Session, person_id: str) -> int:
    """The bell's number."""
    return session.scalar(select(Person.unread).where(Person.id == person_id)) or 0


# Built once: every signed-in thread request runs it. The page is found by its current identity, with the
# viewer's bell number and whether they follow it beside it.
_UNREAD = select(Person.unread).where(Person.id == bindparam("person_id")).scalar_subquery()
_FOLLOWED = (
    select(Follow.person_id)
    .where(Follow.person_id == bindparam("person_id"), Follow.target_kind == Target.PAGE.value,
           Follow.target == PAGE_KEY)
    .exists()
)
_PAGE_FOR_VIEWER = select(*PAGE_COLUMNS, _UNREAD, _FOLLOWED).where(Page.identity == bindparam("identity"))


def page_for_viewer(session: Session, identity: str, person_id: str) -> tuple[PageRef, int, bool]:
    """The page (404 when unknown), the viewer's bell number and whether they follow the page: one read for a
    page's current identity (every thread a signed-in reader loads), a few for a former one (an old link)."""
    connection = session.connection()
    row = connection.execute(_PAGE_FOR_VIEWER, {"identity": identity, "person_id": person_id}).first()
    if row is None:
        current = get_page(session, identity).identity  # a former identity's page, or a 404
        row = connection.execute(_PAGE_FOR_VIEWER, {"identity": current, "person_id": person_id}).one()
    *columns, unread, following = row
    return PageRef(*columns), unread or 0, bool(following)


def entries(session: Session, site_root: str, person_id: str, page: int) -> tuple[list[Entry], int]:
    """The ``page``-th page (from 1) of the person's notifications, newest first, and the number of pages."""
    total = session.scalar(select(func.count()).where(Notification.person_id == person_id)) or 0
    actor = aliased(Person)
    rows = session.execute(
        select(Notification, Page.url, Page.title, listed_name(actor), Comment.html, Comment.state)
        .join(Page, Page.pk == Notification.page_pk)
        .join(Comment, Comment.id == Notification.comment_id)
        .outerjoin(actor, actor.id == Notification.actor_id)
        .where(Notification.person_id == person_id)
        .order_by(Notification.created.desc(), Notification.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    found = []
    for notification, url, title, actor_name, html, state in rows:
        found.append(Entry(
            notification.id, notification.kind, notification.count, actor_name, title,
            permalink(site_address(site_root, url), notification.comment_id),
            excerpt(html) if state == CommentState.VISIBLE else None, notification.created,
            notification.read_at is not None,
        ))
    return found, max(1, -(-total // PER_PAGE))


def opened(session: Session, site_root: str, person_id: str, notification_id: int) -> str:
    """The person follows their notification's link: it is read (404 when not theirs); the comment's address."""
    mark_read(session, person_id, notification_id)
    url, comment_id = session.execute(
        select(Page.url, Notification.comment_id).join(Page, Page.pk == Notification.page_pk)
        .where(Notification.id == notification_id)
    ).one()
    return permalink(site_address(site_root, url), comment_id)


def mark_read(session: Session, person_id: str, notification_id: int | None = None) -> int:
    """Mark one of the person's notifications (404 when not theirs) or all of them read; the unread left."""
    if notification_id is None:
        return _marked(session, person_id)
    owner = None
    if 0 < notification_id <= ID_MAX:
        owner = session.scalar(select(Notification.person_id).where(Notification.id == notification_id))
    if owner != person_id:
        raise ApiError(404, "notification_not_found", f"You have no notification {notification_id}.",
                       nl=f"Je hebt geen melding {notification_id}.")
    return _marked(session, person_id, Notification.id == notification_id)


def mark_read_before(session: Session, person_id: str, moment: dt.datetime) -> int:
    """Mark the person's notifications from before ``moment`` read (the demo's colleagues, who visited since);
    the unread left."""
    return _marked(session, person_id, Notification.created < moment)


def mark_comment_read(session: Session, person_id: str, comment_id: int) -> int:
    """Mark the person's notifications about one comment read, as they see it in its page (404 for no comment; none
    about it is no error: any link to a comment may be opened); the unread left."""
    get_comment(session, comment_id)
    return _marked(session, person_id, Notification.comment_id == comment_id)


def _marked(session: Session, person_id: str, *narrowed: ColumnElement[bool]) -> int:
    """Mark the person's unread notifications (those ``narrowed`` selects) read and count them off their unread;
    the unread left."""
    marked = rows_changed(session, update(Notification).where(
        Notification.person_id == person_id, Notification.read_at.is_(None), *narrowed
    ).values(read_at=utcnow()))
    if marked:
        left = case((Person.unread > marked, Person.unread - marked), else_=0)
        session.execute(update(Person).where(Person.id == person_id).values(unread=left))
    return unread_count(session, person_id)
