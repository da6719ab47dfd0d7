"""The stored side of announcements: the announcement, who has seen it, and its mail outbox.

An announcement comes from content (front matter on a page, kept in step by the sync) or is posted through
the service by someone with the communication role. ``announcement_seen`` holds one row per reader who opened
or dismissed it (the banner's state and the reach's count); ``announcement_mails`` one row per person it is
mailed to, whose primary key makes "never twice" a property of the database.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..models import KIND_MAX, NAME_MAX, PERSON_ID_MAX, TITLE_MAX, Base, UTCDateTime

CLAIM_MAX = 32
TEXT_MAX = 500
"""A posted announcement is short: a longer message belongs on a page of the site."""


class Source(enum.StrEnum):
    """Where an announcement was made."""

    CONTENT = "content"  # front matter of a page, through the sync
    SERVICE = "service"  # posted through the service


class SeenHow(enum.StrEnum):
    """How a reader was done with an announcement."""

    OPENED = "opened"
    DISMISSED = "dismissed"


class MailState(enum.StrEnum):
    """Where one person's announcement mail is."""

    WAITING = "waiting"
    SENDING = "sending"
    SENT = "sent"
    NONE = "none"  # refused for good by the server


class Announcement(Base):
    """A message shown on top of every page to each signed-in reader until they open or dismiss it."""

    __tablename__ = "announcements"
    __table_args__ = (Index("uq_announcements_page", "page_pk", unique=True,
                            sqlite_where=text("source = 'content'"), postgresql_where=text("source = 'content'")),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(KIND_MAX))
    # The page it is about: its own for content; optional for a posted one. Reactions and comments there are its reach.
    page_pk: Mapped[int | None] = mapped_column(ForeignKey("pages.pk", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str | None] = mapped_column(Text)  # the short text of a posted one
    starts: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # taken off early (front matter removed)
    required: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    mail: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    mail_queued: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # when its mails joined the outbox
    author_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))  # who posted it
    department: Mapped[str | None] = mapped_column(String(NAME_MAX))  # posted as this department
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AnnouncementSeen(Base):
    """A reader opened the announcement's page or dismissed its banner: it no longer shows for them."""

    __tablename__ = "announcement_seen"

    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcements.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[str] = mapped_column(
        String(PERSON_ID_MAX), ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    how: Mapped[str] = mapped_column(String(KIND_MAX))
    seen: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AnnouncementMail(Base):
    """One person's mail of one announcement (the outbox): at most one row each, so never mailed twice."""

    __tablename__ = "announcement_mails"
    __table_args__ = (Index("ix_announcement_mails_state", "state"),)

    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcements.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[str] = mapped_column(
        String(PERSON_ID_MAX), ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    state: Mapped[str] = mapped_column(String(KIND_MAX), default=MailState.WAITING.value)
    claim: Mapped[str | None] = mapped_column(String(CLAIM_MAX), index=True)  # the batch a worker took it in
    mailed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # claimed, then sent
