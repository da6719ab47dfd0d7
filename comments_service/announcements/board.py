"""Which announcements are current, and which of them a reader has not seen yet: what the banner shows.

Every page load of a signed-in reader asks, so the current announcements are kept per process (read again at
most every ``REFRESH`` seconds, and at once after a change made in this process); a reader then costs one
indexed read of their own seen rows, and nothing at all while no announcement is current.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from .. import db
from ..clock import utcnow
from ..models import Page
from ..services.pages import site_address
from .models import Announcement, AnnouncementSeen, SeenHow

EXTENSION = "plein.announcements"
REFRESH = 10.0
"""Seconds a process keeps its list; an announcement made by another process shows at most this much later."""


def own_path(announcement_id: int) -> str:
    """The announcement's own page in the service, from the site root."""
    return f"announcements/{announcement_id}/"


def address(site_root: str, announcement_id: int, page_url: str | None) -> str:
    """Where the banner links, from the site root: the page it is about, else its own page."""
    return site_address(site_root, page_url) if page_url is not None else site_root + own_path(announcement_id)


@dataclass(frozen=True)
class Current:
    """An announcement as the banner and the lists show it."""

    id: int
    title: str
    body: str | None
    page_pk: int | None
    url: str  # from the site root: the page it is about, else its own page
    starts: dt.datetime
    until: dt.datetime | None
    required: bool
    department: str | None

    def shown_at(self, now: dt.datetime) -> bool:
        """Started and not yet ended."""
        return self.starts <= now and (self.until is None or now < self.until)

    def as_json(self) -> dict[str, object]:
        """The ``Announcement`` of the API contract."""
        return {"id": self.id, "title": self.title, "text": self.body, "url": self.url,
                "until": self.until.isoformat() if self.until else None, "required": self.required}


_LIVE = (
    select(Announcement.id, Announcement.title, Announcement.body, Announcement.page_pk, Page.url, Page.archived,
           Announcement.starts, Announcement.until, Announcement.required, Announcement.department)
    .outerjoin(Page, Page.pk == Announcement.page_pk)
    .where(Announcement.ended.is_(None), or_(Announcement.until.is_(None), Announcement.until > bindparam("now")))
    .order_by(Announcement.starts.desc(), Announcement.id.desc())
)
_SEEN = select(AnnouncementSeen.announcement_id).where(
    AnnouncementSeen.person_id == bindparam("person_id"),
    AnnouncementSeen.announcement_id.in_(bindparam("ids", expanding=True)),
)


class Board:
    """The announcements that are current or still to come, as this process last read them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: tuple[Current, ...] = ()
        self._read_at = float("-inf")

    def forget(self) -> None:
        """Read them again at the next ask (this process changed one)."""
        self._read_at = float("-inf")

    def current(self, session: Session, site_root: str) -> list[Current]:
        """The announcements shown now, newest first."""
        now = utcnow()
        if time.monotonic() - self._read_at > REFRESH:
            with self._lock:
                items = []
                for (id_, title, body, page_pk, url, archived, starts, until, required,
                     department) in session.connection().execute(_LIVE, {"now": now}):
                    if archived:
                        continue
                    items.append(Current(id_, title, body, page_pk, address(site_root, id_, url), starts, until,
                                         required, department))
                self._items, self._read_at = tuple(items), time.monotonic()
        return [item for item in self._items if item.shown_at(now)]


def board() -> Board:
    """The app's board."""
    return current_app.extensions[EXTENSION]


def mark_seen(session: Session, announcement_ids: list[int], person_id: str, how: SeenHow) -> None:
    """Record that the person is done with these announcements (once each; the first way counts)."""
    upsert = db.insert_of(session)
    now = utcnow()
    session.execute(upsert(AnnouncementSeen).values([
        {"announcement_id": id_, "person_id": person_id, "how": how.value, "seen": now} for id_ in announcement_ids
    ]).on_conflict_do_nothing())


def unseen(session: Session, person_id: str, site_root: str, page_pk: int | None = None) -> list[Current]:
    """The current announcements the person has neither opened nor dismissed; opening the page of one
    (``page_pk``, the page being loaded) counts as seen, and is recorded here."""
    items = board().current(session, site_root)
    if not items:
        return []
    seen = set(session.scalars(_SEEN, {"person_id": person_id, "ids": [item.id for item in items]}))
    opened = [item.id for item in items if item.page_pk is not None and item.page_pk == page_pk
              and item.id not in seen]
    if opened:
        mark_seen(session, opened, person_id, SeenHow.OPENED)
        session.commit()
        seen.update(opened)
    return [item for item in items if item.id not in seen]


def personal_tag(*parts: object) -> str:
    """What a thread answer's ETag adds for the reader's own parts (announcements, departments): nothing when
    there are none, so most answers keep the ETag they had."""
    return json.dumps(parts, separators=(",", ":"), default=str) if any(parts) else ""
