"""The stored side of notifications: one row per person and event, and the queue of comments still to tell.

A notification row is also the mail outbox: its ``mail_state`` says whether a mail is due (at once or in a
digest), being sent, sent, or not wanted, so a crash after the change's commit loses nothing and a mail
accepted by the SMTP server is never sent again.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..models import KIND_MAX, NAME_MAX, PERSON_ID_MAX, Base, UTCDateTime

TOPIC_MAX = 64
MESSAGE_ID_MAX = 255


class Kind(enum.StrEnum):
    """Why a person hears about something; each kind has its own mail preference (reactions: page only)."""

    MENTION = "mention"
    REPLY = "reply"
    OWNER = "owner"
    FOLLOW = "follow"
    REACTION = "reaction"
    ANNOUNCEMENT = "announcement"  # mailed once per announcement (announcements.mailing), never a notification row
    QUESTION = "question"  # a question on a page one owns
    UNANSWERED = "unanswered"  # a question on a page one owns waits for an answer (escalation)
    ESCALATED = "escalated"  # to community managers: a question still waits after the owners were told


class Delivery(enum.StrEnum):
    """How a person wants mail about a kind of event."""

    INSTANT = "instant"  # gathered into at most one mail per ten minutes
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"


class MailState(enum.StrEnum):
    """Where a notification's mail is: not wanted, waiting (at once or for a digest), in flight, sent."""

    NONE = "none"
    INSTANT = "instant"
    DIGEST = "digest"
    SENDING = "sending"
    SENT = "sent"


class Notification(Base):
    """One person hears about one event (a comment, or the reactions to their comment, gathered)."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("person_id", "topic", name="uq_notifications_person_topic"),
        Index("ix_notifications_person_created", "person_id", "created"),
        Index("ix_notifications_mail_state", "mail_state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    # The event, so one event gives one person one row: "comment:<id>" or "reactions:<id>".
    topic: Mapped[str] = mapped_column(String(TOPIC_MAX))
    kind: Mapped[str] = mapped_column(String(KIND_MAX))
    page_pk: Mapped[int] = mapped_column(ForeignKey("pages.pk", ondelete="CASCADE"), index=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    count: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))  # reactions gathered
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    mail_state: Mapped[str] = mapped_column(String(KIND_MAX), default=MailState.NONE.value)
    message_id: Mapped[str | None] = mapped_column(String(MESSAGE_ID_MAX))  # of the mail that carries it
    mailed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class QueuedChange(Base):
    """A comment whose notifications are still to be written: queued by the write, in its transaction, and
    taken by the job worker (``queue.notify_queued``), so a write never waits for the rules or a fan-out."""

    __tablename__ = "notification_queue"
    __table_args__ = {"sqlite_autoincrement": True}  # an id taken is never handed out again (migration 0019)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No index of its own: the queue holds a second's comments, and a write would pay for one.
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(KIND_MAX))  # created, asked (a question) or edited


class Follow(Base):
    """A person follows a page (by its key, which survives renames), a hashtag or a person."""

    __tablename__ = "follows"
    __table_args__ = (Index("ix_follows_target", "target_kind", "target"),)

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    target_kind: Mapped[str] = mapped_column(String(KIND_MAX), primary_key=True)
    target: Mapped[str] = mapped_column(String(NAME_MAX), primary_key=True)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Preference(Base):
    """A person's choice of delivery for one kind; without a row the kind's default holds."""

    __tablename__ = "notification_preferences"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(KIND_MAX), primary_key=True)
    delivery: Mapped[str] = mapped_column(String(KIND_MAX))


class MailSchedule(Base):
    """When a person last got a mail at once and a digest: the ten-minute gathering and digests need it."""

    __tablename__ = "mail_schedules"

    person_id: Mapped[str] = mapped_column(
        String(PERSON_ID_MAX), ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    last_instant: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_digest: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
