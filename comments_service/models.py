"""The stored data: people, pages and their conversations.

A conversation belongs to a page, not to a URL: comments, reactions and hashtag uses point at the
page's integer key, so a page that changes identity or URL keeps its conversation by updating one
row. Every change to a conversation increments ``Page.version``, which makes the thread's ETag cheap.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .clock import utcnow
from .people.names import name_key_of_insert


# Column sizes; values from outside (headers, manifests, comments) are checked against them first,
# since PostgreSQL refuses what does not fit.
ID_MAX = 2**31 - 1
"""The highest id an `Integer` key holds on every database (PostgreSQL's `integer`): a bigger number names nothing."""
PERSON_ID_MAX = 255
NAME_MAX = 255
EMAIL_MAX = 320
PAGE_ID_MAX = 512
URL_MAX = 1024
TITLE_MAX = 1024
LANGUAGE_MAX = 35
TEXT_HASH_MAX = 128
EMOJI_MAX = 32
SLUG_MAX = 255
TOKEN_MAX = 64
IDEMPOTENCY_KEY_MAX = 64
KIND_MAX = 16

ERASED_PREFIX = "erased-"
"""The id an erased person's row gets: this and a random part, so threads still have an author to point at."""


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores naive UTC (portable across SQLite and PostgreSQL), hands out aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return value.replace(tzinfo=dt.UTC) if value is not None else None


class CommentState(enum.StrEnum):
    """Visible to all; removed by its author; hidden by a moderator."""

    VISIBLE = "visible"
    REMOVED = "removed"
    HIDDEN = "hidden"


class Base(DeclarativeBase):
    """Declarative base; its metadata is what the Alembic migrations must produce."""

    __table__: ClassVar[Table]  # each model maps one table (SQLAlchemy types it as any FromClause)


class Person(Base):
    """Someone known from the single sign-on headers (or a demo login); the id comes from SSO."""

    __tablename__ = "people"
    __table_args__ = (Index("uq_people_feed_token", "feed_token", unique=True),)

    id: Mapped[str] = mapped_column(String(PERSON_ID_MAX), primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    # The name without case or accents, to find and sort people by (``people.names``); no length: folding may
    # lengthen a name. Set from the name on insert; a statement that changes the name sets it too.
    name_key: Mapped[str] = mapped_column(Text, default=name_key_of_insert, server_default=text("''"), index=True)
    # Lower case (as the identity headers give it, lowered): page owners named by address find it by its index.
    email: Mapped[str | None] = mapped_column(String(EMAIL_MAX), index=True)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    department: Mapped[str | None] = mapped_column(String(NAME_MAX))
    language: Mapped[str | None] = mapped_column(String(LANGUAGE_MAX))  # of mails; the site's when unset
    # Low profile: no people page, in no list, stream or autocomplete; mentions of them stay plain text.
    low_profile: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    last_seen: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # about the hour of the last visit
    unread: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))  # the bell's count
    feed_token: Mapped[str | None] = mapped_column(String(TOKEN_MAX))  # of their secret feed


class Page(Base):
    """A page of the built site, as listed by the manifest; archived (never deleted) when it is gone."""

    __tablename__ = "pages"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity: Mapped[str] = mapped_column(String(PAGE_ID_MAX), unique=True)
    url: Mapped[str] = mapped_column(String(URL_MAX))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    language: Mapped[str | None] = mapped_column(String(LANGUAGE_MAX))
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    text_hash: Mapped[str | None] = mapped_column(String(TEXT_HASH_MAX))
    version: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Declared last: the name `text` would shadow sqlalchemy.text in the lines above.
    text: Mapped[str | None] = mapped_column(Text)  # plain text from the manifest, for search rebuilds
    updated: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # last change in git, per the manifest


class PageOwner(Base):
    """An owner of a page as its front matter names them: a person's id or e-mail address, or a group."""

    __tablename__ = "page_owners"

    page_pk: Mapped[int] = mapped_column(ForeignKey("pages.pk", ondelete="CASCADE"), primary_key=True)
    owner: Mapped[str] = mapped_column(String(NAME_MAX), primary_key=True)


class GroupMember(Base):
    """A person is in a group (or department), as the identity headers said on their last visit."""

    __tablename__ = "group_members"

    group: Mapped[str] = mapped_column(String(NAME_MAX), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True)


class PageAlias(Base):
    """A former identity of a page, so old links and cached widgets still find the conversation."""

    __tablename__ = "page_aliases"

    alias: Mapped[str] = mapped_column(String(PAGE_ID_MAX), primary_key=True)
    page_pk: Mapped[int] = mapped_column(ForeignKey("pages.pk", ondelete="CASCADE"), index=True)


class Comment(Base):
    """A comment or a reply; its HTML is rendered once, when it is written."""

    __tablename__ = "comments"
    __table_args__ = (
        CheckConstraint("state IN ('visible', 'removed', 'hidden')", name="ck_comments_state"),
        # A conversation's outline in its order, read from the index alone (services/thread.py): a long
        # conversation's rows are mostly text and HTML, which choosing a page of it never needs.
        Index("ix_comments_page_outline", "page_pk", "created", "id", "parent_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page_pk: Mapped[int] = mapped_column(ForeignKey("pages.pk"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), index=True)
    author_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default=CommentState.VISIBLE.value)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # When its author removed it: its text is purged PLEIN_DELETED_RETENTION_DAYS later (privacy.retention).
    removed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Posted in the name of this department (its id): readers see the department, the audit trail the writer.
    as_department: Mapped[str | None] = mapped_column(String(NAME_MAX))


class CommentRevision(Base):
    """A text an edit replaced, dated when it was written; the current text lives in ``comments`` only.

    So a new comment stores no revision; its history is its revisions by ``id``, then its text.
    """

    __tablename__ = "comment_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Reaction(Base):
    """An emoji from one person on a page (``comment_id`` null) or on a comment of that page.

    ``page_pk`` is always set, so a page's whole conversation is read with one query per table;
    two partial unique indexes allow one of each emoji per person and target.
    """

    __tablename__ = "reactions"
    __table_args__ = (
        Index(
            "uq_reactions_page",
            "person_id",
            "page_pk",
            "emoji",
            unique=True,
            sqlite_where=text("comment_id IS NULL"),
            postgresql_where=text("comment_id IS NULL"),
        ),
        Index(
            "uq_reactions_comment",
            "person_id",
            "comment_id",
            "emoji",
            unique=True,
            sqlite_where=text("comment_id IS NOT NULL"),
            postgresql_where=text("comment_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page_pk: Mapped[int] = mapped_column(ForeignKey("pages.pk"), index=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    emoji: Mapped[str] = mapped_column(String(EMOJI_MAX))
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class HashtagUse(Base):
    """One hashtag used by a page (``comment_id`` null) or by a comment on it.

    Kept in the database so exact hashtag look-ups and trends never depend on the search index.
    """

    __tablename__ = "hashtag_uses"
    __table_args__ = (
        UniqueConstraint("page_pk", "comment_id", "slug", name="uq_hashtag_uses_target_slug"),
        Index("ix_hashtag_uses_slug_created", "slug", "created"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(SLUG_MAX))
    # Looked up by page through the unique constraint's index, which starts with it.
    page_pk: Mapped[int] = mapped_column(ForeignKey("pages.pk"))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), index=True)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class IdempotencyKey(Base):
    """A write its client may send again when the answer was lost: the key the client sent, and the comment it
    made (none for a reaction), written in the write's own transaction."""

    __tablename__ = "idempotency_keys"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(IDEMPOTENCY_KEY_MAX), primary_key=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SearchQueue(Base):
    """A comment whose search document is out of date: written in the transaction that changed it.

    The search writer takes rows in order, indexes (or drops) each comment as the database has it
    then, and deletes the rows; a row committed late is simply taken at the next round. No foreign
    key: a comment erased for good must still leave the index. ``queued_at`` lets ``/api/health`` tell
    a writer that stopped draining (rows queued before migration 0016 have none).
    """

    __tablename__ = "search_queue"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int] = mapped_column(Integer)
    queued_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=utcnow)
