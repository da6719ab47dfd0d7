"""The figures of a period from the counters and the rolled-up days; what is about people obeys k >= 5.

Comments, replies, reactions, participants and hashtag uses come from the closed days' rollups (``rollup``)
plus today computed live; views, readers and searches from the counters. Days and months are local (the
service's time zone, daylight saving time included). Only the named and per-department lists read a
period's comments and reactions themselves (their ``created`` columns are indexed for it).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, CompoundSelect, SQLColumnExpression, and_, func, literal, select, union_all
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..identity import settings
from ..models import Comment, Page, Person, Reaction
from . import rollup, sketch
from .models import (
    Day,
    DayHashtag,
    DayPage,
    DepartmentParticipants,
    Listed,
    PageViews,
    Participants,
    Readers,
    Searches,
    ViewsDaily,
    ViewsMonthly,
)
from .periods import Span, add_months
from .privacy import K, at_least_k, merge_small

TOP = 10


def _in(column: SQLColumnExpression[dt.datetime], span: Span, zone: ZoneInfo) -> ColumnElement[bool]:
    return and_(column >= span.start(zone), column < span.end(zone))


def _reader_periods(span: Span) -> list[str]:
    return [month.isoformat()[:7] for month in span.buckets()] if span.months else [d.isoformat() for d in span.days()]


@dataclass(frozen=True)
class Source:
    """Where a span's conversation figures come from: its closed days' rollups, and today computed live."""

    span: Span
    zone: ZoneInfo
    today: rollup.DayFigures | None

    @property
    def closed(self) -> tuple[dt.date, dt.date]:
        """The span's days that are rolled up."""
        return self.span.first, min(self.span.last, self.today.day - dt.timedelta(days=1)) if self.today else self.span.last


def source(session: Session, span: Span, zone: ZoneInfo) -> Source:
    """The span's days rolled up where they are not yet, and today's figures when the span holds today."""
    today = utcnow().astimezone(zone).date()
    rollup.ensure_rolled(session, zone, span.first, span.last)
    live = None
    if span.first <= today <= span.last:
        live = rollup.compute(session, today, zone, sketch.hash_key(settings().secret_key))
    return Source(span, zone, live)


def readers(session: Session, periods: Iterable[str]) -> int:
    """Distinct readers over the days or months named (``YYYY-MM-DD`` / ``YYYY-MM``)."""
    rows = session.scalars(select(Readers.registers).where(Readers.period.in_(list(periods))))
    return sketch.estimate(sketch.union(rows))


def participants(session: Session, found: Source) -> int:
    """How many people wrote a comment or reply, or reacted, in the span (a sketch's count: exact when few)."""
    rows = list(session.scalars(select(Participants.registers).where(Participants.period.in_(_reader_periods(found.span)))))
    if found.today is not None:
        rows.append(found.today.participants)
    return sketch.estimate(sketch.union(rows))


@dataclass(frozen=True)
class Headline:
    """The period's main figures; figures about people are ``None`` when fewer than K."""

    readers: int | None
    views: int
    participants: int | None
    new_participants: int | None
    comments: int
    replies: int
    reactions: int

    @property
    def share(self) -> float | None:
        """The share of readers who took part, when both are shown."""
        if self.readers and self.participants is not None:
            return min(1.0, self.participants / self.readers)
        return None


def _total(column: SQLColumnExpression[int]) -> ColumnElement[int]:
    """The column's sum over the rows, 0 over none."""
    return func.coalesce(func.sum(column), 0)


def headline(session: Session, found: Source) -> Headline:
    """The headline figures of the span."""
    span = found.span
    first, last = found.closed
    comments, replies, reactions, new = session.execute(
        select(_total(Day.comments), _total(Day.replies), _total(Day.reactions), _total(Day.new_participants))
        .where(Day.day.between(first, last))
    ).one()
    if found.today is not None:
        live = found.today
        comments, replies, reactions, new = (comments + live.comments, replies + live.replies,
                                             reactions + live.reactions, new + live.new_participants)
    return Headline(
        readers=at_least_k(readers(session, _reader_periods(span))),
        views=session.scalar(select(func.coalesce(func.sum(ViewsDaily.views), 0))
                             .where(ViewsDaily.day.between(span.first, span.last))) or 0,
        participants=at_least_k(participants(session, found)),
        new_participants=at_least_k(new),
        comments=comments,
        replies=replies,
        reactions=reactions,
    )


@dataclass(frozen=True)
class Series:
    """Per bucket (day or month) of a span: views, readers, comments and replies, reactions."""

    buckets: list[dt.date]
    views: list[int]
    readers: list[int | None]
    comments: list[int]
    reactions: list[int]


def series(session: Session, found: Source) -> Series:
    """The span's figures per day or month, for the charts."""
    span = found.span
    views: dict[dt.date, int] = dict.fromkeys(span.buckets(), 0)
    for day, count in session.execute(select(ViewsDaily.day, ViewsDaily.views)
                                      .where(ViewsDaily.day.between(span.first, span.last))):
        views[span.bucket_of(day)] += count
    sketches = dict(session.execute(select(Readers.period, Readers.registers)
                                    .where(Readers.period.in_(_reader_periods(span)))).all())
    comments: dict[dt.date, int] = dict.fromkeys(span.buckets(), 0)
    reactions: dict[dt.date, int] = dict.fromkeys(span.buckets(), 0)
    first, last = found.closed
    rows = session.execute(select(Day.day, Day.comments + Day.replies, Day.reactions).where(Day.day.between(first, last)))
    live = [(found.today.day, found.today.comments + found.today.replies, found.today.reactions)] if found.today else []
    for day, written, reacted in [*rows, *live]:
        comments[span.bucket_of(day)] += written
        reactions[span.bucket_of(day)] += reacted
    return Series(
        buckets=span.buckets(),
        views=list(views.values()),
        readers=[at_least_k(sketch.estimate(sketches[key])) if key in sketches else 0 for key in _reader_periods(span)],
        comments=list(comments.values()),
        reactions=list(reactions.values()),
    )


@dataclass(frozen=True)
class PageFigure:
    """A page or a section with its views and comments (and replies) in the span."""

    title: str
    url: str
    views: int
    comments: int


def pages_and_sections(session: Session, found: Source, site_root: str) -> tuple[list[PageFigure], list[PageFigure]]:
    """The top pages (by views, then comments) and every section (first part of the address) of the span."""
    span = found.span
    if span.months:  # whole months: a row per page and month
        months = [month.isoformat()[:7] for month in span.buckets()]
        by_page = (select(ViewsMonthly.page_pk, func.sum(ViewsMonthly.views))
                   .where(ViewsMonthly.month.in_(months)).group_by(ViewsMonthly.page_pk))
    else:
        by_page = (select(PageViews.page_pk, func.sum(PageViews.views))
                   .where(PageViews.day.between(span.first, span.last)).group_by(PageViews.page_pk))
    views = dict(session.execute(by_page).all())
    first, last = found.closed
    comments: Counter[int] = Counter(dict(session.execute(
        select(DayPage.page_pk, func.sum(DayPage.comments)).where(DayPage.day.between(first, last))
        .group_by(DayPage.page_pk)).all()))
    if found.today is not None:
        comments.update(found.today.pages)
    keys = set(views) | set(comments)
    pages = session.execute(select(Page.pk, Page.title, Page.url).where(Page.pk.in_(keys))).all() if keys else []
    figures = [PageFigure(title, url, views.get(pk, 0), comments.get(pk, 0)) for pk, title, url in pages]
    figures.sort(key=lambda f: (-f.views, -f.comments, f.title))
    sections: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for figure in figures:
        section = figure.url.removeprefix(site_root).strip("/").split("/", 1)[0]  # "" for the home page
        sections[section][0] += figure.views
        sections[section][1] += figure.comments
    by_section = [PageFigure(name, site_root + (name + "/" if name else ""), v, c) for name, (v, c) in sections.items()]
    by_section.sort(key=lambda f: (-f.views, -f.comments, f.title))
    return figures[:TOP], by_section


def _hashtag_days(session: Session, found: Source, slugs: Iterable[str] | None = None
                  ) -> list[tuple[dt.date, str, int, int]]:
    """(day, slug, uses on pages, uses in comments) of the span's days, for ``slugs`` or every hashtag."""
    first, last = found.closed
    statement = (select(DayHashtag.day, DayHashtag.slug, DayHashtag.pages, DayHashtag.comments)
                 .where(DayHashtag.day.between(first, last)))
    if slugs is not None:
        statement = statement.where(DayHashtag.slug.in_(list(slugs)))
    rows = [tuple(row) for row in session.execute(statement)]
    if found.today is not None:
        rows += [(found.today.day, slug, p, c) for slug, (p, c) in found.today.hashtags.items()
                 if slugs is None or slug in slugs]
    return rows  # type: ignore[return-value]


@dataclass(frozen=True)
class HashtagFigure:
    """A hashtag's uses in the span and the span before, and per bucket of the span (its trend line)."""

    slug: str
    uses: int
    before: int | None  # None: the span before is not compared (it lies before the first data)
    trend: list[int]


def hashtags(session: Session, found: Source, previous: Source | None
             ) -> tuple[list[HashtagFigure], list[HashtagFigure]]:
    """The most used hashtags of the span, and those that rose most against the span before (none without
    ``previous``: nothing to rise from)."""
    span = found.span
    now: Counter[str] = Counter()
    trends: dict[str, Counter[dt.date]] = defaultdict(Counter)
    for day, slug, pages, comments in _hashtag_days(session, found):
        now[slug] += pages + comments
        trends[slug][span.bucket_of(day)] += pages + comments
    before: Counter[str] = Counter()
    for _, slug, pages, comments in (_hashtag_days(session, previous, set(now)) if previous else ()):
        before[slug] += pages + comments
    top = sorted(now, key=lambda slug: (-now[slug], slug))[:TOP]
    risen = sorted((slug for slug in now if now[slug] > before[slug]),
                   key=lambda slug: (before[slug] - now[slug], slug))[:TOP] if previous else []

    def figure(slug: str) -> HashtagFigure:
        return HashtagFigure(slug, now[slug], before[slug] if previous else None,
                             [trends[slug][bucket] for bucket in span.buckets()])

    return [figure(slug) for slug in top], [figure(slug) for slug in risen]


@dataclass(frozen=True)
class HashtagMonth:
    """One month of a hashtag: its uses on pages and in comments."""

    month: dt.date
    pages: int
    comments: int


def hashtag_series(session: Session, slug: str, last_month: dt.date, zone: ZoneInfo, months: int = 12
                   ) -> list[HashtagMonth]:
    """``#slug`` month by month, the ``months`` months up to ``last_month``."""
    span = Span(add_months(last_month, 1 - months), add_months(last_month, 1) - dt.timedelta(days=1), True)
    pages: Counter[dt.date] = Counter()
    comments: Counter[dt.date] = Counter()
    for day, _, on_pages, in_comments in _hashtag_days(session, source(session, span, zone), {slug}):
        pages[span.bucket_of(day)] += on_pages
        comments[span.bucket_of(day)] += in_comments
    return [HashtagMonth(month, pages[month], comments[month]) for month in span.buckets()]


@dataclass(frozen=True)
class SearchFigure:
    """A search query with how often it was searched, and found nothing, in the span."""

    query: str
    searches: int
    empty: int


def searches(session: Session, span: Span) -> tuple[list[SearchFigure], list[SearchFigure]]:
    """The most frequent queries and those most often without results; a query shows only when searched at
    least K times (a rare query can name the one person who searched it)."""
    total, empty = func.sum(Searches.searches), func.sum(Searches.empty)
    base = select(Searches.query, total, empty).where(Searches.day.between(span.first, span.last)).group_by(Searches.query)
    frequent = session.execute(base.having(total >= K).order_by(total.desc(), Searches.query).limit(TOP)).all()
    fruitless = session.execute(base.having(empty >= K).order_by(empty.desc(), Searches.query).limit(TOP)).all()
    return [SearchFigure(*row) for row in frequent], [SearchFigure(*row) for row in fruitless]


def _activity(span: Span, zone: ZoneInfo, people: list[str]) -> CompoundSelect[str, int, int]:
    """What ``people`` wrote (``c``) or reacted (``r``) in ``span``, a row per comment or reaction."""
    return union_all(
        select(Comment.author_id.label("who"), literal(1).label("c"), literal(0).label("r"))
        .where(_in(Comment.created, span, zone), Comment.author_id.in_(people)),
        select(Reaction.person_id.label("who"), literal(0).label("c"), literal(1).label("r"))
        .where(_in(Reaction.created, span, zone), Reaction.person_id.in_(people)),
    )


def departments(session: Session, found: Source, other: str) -> list[tuple[str, int]]:
    """Participants per department, departments of fewer than K merged into ``other``; nothing under K in all."""
    if participants(session, found) < K:
        return []
    sketches: dict[str, list[bytes]] = defaultdict(list)
    for department, registers in session.execute(
        select(DepartmentParticipants.department, DepartmentParticipants.registers)
        .where(DepartmentParticipants.period.in_(_reader_periods(found.span)))
    ):
        sketches[department].append(registers)
    if found.today is not None:
        for department, registers in found.today.departments.items():
            sketches[department].append(registers)
    counts = [(name or other, sketch.estimate(sketch.union(found_sketches))) for name, found_sketches in sketches.items()]
    return merge_small(counts, other)


@dataclass(frozen=True)
class Contributor:
    """Someone who chose to be listed, with their comments and reactions in the span."""

    name: str
    person_id: str
    comments: int
    reactions: int


def top_contributors(session: Session, found: Source) -> list[Contributor]:
    """The most active people of the span among those who chose to be named and are not low profile;
    none when fewer than K took part."""
    if participants(session, found) < K:
        return []
    listed = list(session.scalars(select(Listed.person_id).join(Person, Person.id == Listed.person_id)
                                  .where(Person.low_profile.is_(False))))
    if not listed:
        return []
    activity = _activity(found.span, found.zone, listed).subquery()
    comments, reactions = func.sum(activity.c.c), func.sum(activity.c.r)
    rows = session.execute(
        select(Person.name, Person.id, comments, reactions)
        .join(activity, activity.c.who == Person.id)
        .group_by(Person.id, Person.name)
        .order_by((comments + reactions).desc(), Person.name).limit(TOP)
    ).all()
    return [Contributor(*row) for row in rows]


def data_start(session: Session, zone: ZoneInfo) -> dt.date | None:
    """The first local day with any figure: the first view counted or comment written."""
    first_view = session.scalar(select(func.min(PageViews.day)))
    first_comment = session.scalar(select(func.min(Comment.created)))
    days = [day for day in (first_view, first_comment.astimezone(zone).date() if first_comment else None) if day]
    return min(days) if days else None
