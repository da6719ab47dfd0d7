"""The tables of analytics: counts per day, never who read or searched what.

- ``analytics_page_views``: views per page per local day (a reader counted once per page and day);
- ``analytics_readers``: HyperLogLog registers of the distinct readers of a local day and of a month;
- ``analytics_searches``: how often a normalised query was searched on a day, and how often it found nothing;
- ``analytics_listed``: the people who chose to appear in named lists (top contributors);
- ``analytics_report_mailings``: the claim of a month's report mailing, so several workers send it once;
- ``analytics_days``, ``analytics_day_pages``, ``analytics_day_hashtags``, ``analytics_participants``: closed days'
  conversation figures rolled up once (``rollup``), so a year's figures read a few hundred rows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..models import NAME_MAX, SLUG_MAX, Base, Comment, HashtagUse, Reaction, UTCDateTime

QUERY_MAX = 200
"""As long as a search query may be (search.views.MAX_QUERY_CHARS)."""
PERIOD_MAX = 10
"""``YYYY-MM-DD`` (a day) or ``YYYY-MM`` (a month)."""


class PageViews(Base):
    """How many readers saw a page on a local day (each reader once a day, as far as the counting process knows)."""

    __tablename__ = "analytics_page_views"
    __table_args__ = (Index("ix_analytics_page_views_day", "day"),)

    page_pk: Mapped[int] = mapped_column(ForeignKey("pages.pk", ondelete="CASCADE"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    views: Mapped[int] = mapped_column(Integer, default=0)


class Readers(Base):
    """A HyperLogLog sketch of the distinct readers of a day or a month: registers only, no identities."""

    __tablename__ = "analytics_readers"

    period: Mapped[str] = mapped_column(String(PERIOD_MAX), primary_key=True)
    registers: Mapped[bytes] = mapped_column(LargeBinary)


class Searches(Base):
    """A search query (case-folded, spaces collapsed) on a local day: how often, and how often without results."""

    __tablename__ = "analytics_searches"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    query: Mapped[str] = mapped_column(String(QUERY_MAX), primary_key=True)
    searches: Mapped[int] = mapped_column(Integer, default=0)
    empty: Mapped[int] = mapped_column(Integer, default=0)


class Listed(Base):
    """Someone who chose to be named in lists such as the top contributors (personal data: the choice)."""

    __tablename__ = "analytics_listed"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReportMailing(Base):
    """A month's report mailing: claimed by one worker (a claim older than the lease may be taken over), then sent."""

    __tablename__ = "analytics_report_mailings"

    month: Mapped[str] = mapped_column(String(PERIOD_MAX), primary_key=True)
    claimed: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sent: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


# The figures read the conversation tables by time: indexes of this package on the core's tables.
Index("ix_analytics_comments_created", Comment.created)
Index("ix_analytics_reactions_created", Reaction.created)
Index("ix_analytics_hashtag_uses_created", HashtagUse.created)


class Day(Base):
    """A closed local day's conversation figures, rolled up once from the conversation tables (``rollup``)."""

    __tablename__ = "analytics_days"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    comments: Mapped[int] = mapped_column(Integer)  # top-level
    replies: Mapped[int] = mapped_column(Integer)
    reactions: Mapped[int] = mapped_column(Integer)
    new_participants: Mapped[int] = mapped_column(Integer)  # first comment or reaction ever that day


class DayPage(Base):
    """Comments (and replies) written on a page on a closed local day."""

    __tablename__ = "analytics_day_pages"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    page_pk: Mapped[int] = mapped_column(ForeignKey("pages.pk", ondelete="CASCADE"), primary_key=True)
    comments: Mapped[int] = mapped_column(Integer)


class DayHashtag(Base):
    """A hashtag's uses on a closed local day, by pages and by visible comments."""

    __tablename__ = "analytics_day_hashtags"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    slug: Mapped[str] = mapped_column(String(SLUG_MAX), primary_key=True)
    pages: Mapped[int] = mapped_column(Integer)
    comments: Mapped[int] = mapped_column(Integer)


class Participants(Base):
    """A HyperLogLog sketch of who wrote or reacted on a closed day or in a month (as ``Readers``)."""

    __tablename__ = "analytics_participants"

    period: Mapped[str] = mapped_column(String(PERIOD_MAX), primary_key=True)
    registers: Mapped[bytes] = mapped_column(LargeBinary)


class ViewsDaily(Base):
    """All views of a local day (the sum of its ``analytics_page_views``), written by the same flush."""

    __tablename__ = "analytics_views_daily"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    views: Mapped[int] = mapped_column(Integer, default=0)


class ViewsMonthly(Base):
    """A page's views in a month (``YYYY-MM``), written by the same flush: a year's top pages read 12 rows a page."""

    __tablename__ = "analytics_views_monthly"

    month: Mapped[str] = mapped_column(String(PERIOD_MAX), primary_key=True)
    page_pk: Mapped[int] = mapped_column(ForeignKey("pages.pk", ondelete="CASCADE"), primary_key=True)
    views: Mapped[int] = mapped_column(Integer, default=0)


class DepartmentParticipants(Base):
    """A sketch of a department's participants on a closed day or in a month (people without one: ``""``)."""

    __tablename__ = "analytics_department_participants"

    period: Mapped[str] = mapped_column(String(PERIOD_MAX), primary_key=True)
    department: Mapped[str] = mapped_column(String(NAME_MAX), primary_key=True)
    registers: Mapped[bytes] = mapped_column(LargeBinary)
