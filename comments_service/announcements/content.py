"""Announcements from content: the sync creates, updates and ends the announcement a page's front matter makes.

Runs inside the sync's transaction (the ``pages_syncing`` signal), so a manifest with a malformed announcement
is refused whole, and pages, announcements and their mail outbox change together. A page that drops its
``announcement:`` or leaves the site ends its announcement; one that brings it back starts it again, keeping
who has seen it already.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..models import Page
from ..sync import ManifestError, ManifestPage
from .board import board
from .mailing import queue_due
from .models import Announcement, Source
from .services import end_of, start_of


def _moment(entry: ManifestPage, key: str, zone: dt.tzinfo) -> dt.datetime | None:
    value = entry.announcement.get(key) if entry.announcement else None
    if value is None:
        return None
    try:
        if isinstance(value, str):
            return end_of(value, zone) if key == "until" else start_of(value, zone)
    except ValueError:
        pass
    raise ManifestError(f"page {entry.id[:80]!r}: announcement {key!r} must be null or an ISO 8601 date")


def _flag(entry: ManifestPage, key: str) -> bool:
    value = (entry.announcement or {}).get(key, False)
    if not isinstance(value, bool):
        raise ManifestError(f"page {entry.id[:80]!r}: announcement {key!r} must be true or false")
    return value


def _fields(entry: ManifestPage, zone: dt.tzinfo) -> dict[str, Any]:
    return {"title": entry.title, "until": _moment(entry, "until", zone), "required": _flag(entry, "required"),
            "mail": _flag(entry, "mail")}


def apply(session: Session, entries: list[ManifestPage], pages: Mapping[str, Page], zone: dt.tzinfo) -> None:
    """Bring the content announcements in step with the manifest (the caller's transaction)."""
    now = utcnow()
    stored = {row.page_pk: row for row in session.scalars(
        select(Announcement).where(Announcement.source == Source.CONTENT.value))}
    announced: set[int] = set()
    for entry in entries:
        if entry.announcement is None:
            continue
        page = pages[entry.id]
        fields = _fields(entry, zone)
        starts = _moment(entry, "from", zone)
        announced.add(page.pk)
        row = stored.get(page.pk)
        if row is None:
            session.add(Announcement(source=Source.CONTENT.value, page_pk=page.pk, starts=starts or now, created=now,
                                     **fields))
            continue
        for name, value in fields.items():
            setattr(row, name, value)
        if starts is not None:
            row.starts = starts
        row.ended = None
    for page_pk, row in stored.items():
        if page_pk not in announced and row.ended is None:
            row.ended = now
    session.flush()
    queue_due(session, now)
    board().forget()


def on_pages_syncing(app: Flask, *, session: Session, entries: list[ManifestPage], pages: Mapping[str, Page],
                     **_: object) -> None:
    """The sync's listener."""
    apply(session, entries, pages, app.extensions["plein"].mail.timezone)
