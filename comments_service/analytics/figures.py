"""The figures of a period, computed from the conversations and the counters; what is about people obeys k >= 5.

Counts of comments, reactions and hashtags come from the conversation tables themselves (their ``created``
columns are indexed for this); views, readers and searches from the counters. Moments are grouped by UTC
hour in the database and the hours put into local days or months here, so that days and months follow the
service's time zone, daylight saving time included, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from ..models import Comment, CommentState, HashtagUse, Page, Person, Reaction
from . import sketch
from .models import Listed, PageViews, Readers, Searches
from .periods import Span, add_months
from .privacy import K, at_least_k, merge_small

TOP = 10


def _hour(column: ColumnElement[dt.datetime], session: Session) -> ColumnElement[str]:
    """The UTC hour of a stored moment as text, ``YYYY-MM-DD HH``."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM-DD HH24")
    return func.strftime("%Y-%m-%d %H", column)


@lru_cache(maxsize=65536)
def _local_day(hour: str, zone: ZoneInfo) -> dt.date:
    return dt.datetime.strptime(hour, "%Y-%m-%d %H").replace(tzinfo=dt.UTC).astimezone(zone).date()


def _in(column: ColumnElement[dt.datetime], span: Span, zone: ZoneInfo) -> ColumnElement[bool]:
    return and_(column >= span.start(zone), column < span.end(zone))


def _bucketed(session: Session, statement: Select[tuple[str, int]], span: Span, zone: ZoneInfo) -> dict[dt.date, int]:
    """Counts per UTC hour (``statement`` gives hour, count) summed per bucket of ``span``."""
    counts = dict.fromkeys(span.buckets(), 0)
    for hour, count in session.execute(statement):
        counts[span.bucket_of(_local_day(hour, zone))] += count
    return counts


def _activity(span: Span, zone: ZoneInfo) -> Select[tuple[str]]:
    """Who wrote or reacted in ``span`` (with repeats)."""
    return union_all(
        select(Comment.author_id.label("who")).where(_in(Comment.created, span, zone)),
        select(Reaction.person_id.label("who")).where(_in(Reaction.created, span, zone)),
    ).subquery().select()


def participants(session: Session, span: Span, zone: ZoneInfo) -> set[str]:
    """The people who wrote a comment or reply, or reacted, in ``span`` (for counting and merging only)."""
    return set(session.scalars(_activity(span, zone)))


def new_participants(session: Session, span: Span, zone: ZoneInfo, taking_part: set[str]) -> int:
    """How many of ``taking_part`` never wrote or reacted before ``span``."""
    if not taking_part:
        return 0
    start = span.start(zone)
    earlier = select(Person.id).where(
        Person.id.in_(taking_part),
        or_(exists().where(Comment.author_id == Person.id, Comment.created < start),
            exists().where(Reaction.person_id == Person.id, Reaction.created < start)),
    )
    return len(taking_part) - len(session.scalars(earlier).all())


def readers(session: Session, periods: Iterable[str]) -> int:
    """Distinct readers over the days or months named (``YYYY-MM-DD`` / ``YYYY-MM``)."""
    rows = session.scalars(select(Readers.registers).where(Readers.period.in_(list(periods))))
    return sketch.estimate(sketch.union(rows))


def _reader_periods(span: Span) -> list[str]:
    return [month.isoformat()[:7] for month in span.buckets()] if span.months else [d.isoformat() for d in span.days()]


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


def headline(session: Session, span: Span, zone: ZoneInfo, taking_part: set[str] | None = None) -> Headline:
    """The headline figures of ``span`` (``taking_part``: its participants, when known already)."""
    taking_part = participants(session, span, zone) if taking_part is None else taking_part
    written = session.execute(
        select(func.count().filter(Comment.parent_id.is_(None)), func.count().filter(Comment.parent_id.is_not(None)))
        .where(_in(Comment.created, span, zone))
    ).one()
    return Headline(
        readers=at_least_k(readers(session, _reader_periods(span))),
        views=session.scalar(select(func.coalesce(func.sum(PageViews.views), 0))
                             .where(PageViews.day.between(span.first, span.last))) or 0,
        participants=at_least_k(len(taking_part)),
        new_participants=at_least_k(new_participants(session, span, zone, taking_part)),
        comments=written[0],
        replies=written[1],
        reactions=session.scalar(select(func.count()).where(_in(Reaction.created, span, zone))) or 0,
    )


@dataclass(frozen=True)
class Series:
    """Per bucket (day or month) of a span: views, readers, comments and replies, reactions."""

    buckets: list[dt.date]
    views: list[int]
    readers: list[int | None]
    comments: list[int]
    reactions: list[int]


def series(session: Session, span: Span, zone: ZoneInfo) -> Series:
    """The span's figures per day or month, for the charts."""
    views: dict[dt.date, int] = dict.fromkeys(span.buckets(), 0)
    for day, count in session.execute(select(PageViews.day, func.sum(PageViews.views))
                                      .where(PageViews.day.between(span.first, span.last)).group_by(PageViews.day)):
        views[span.bucket_of(day)] += count
    sketches = dict(session.execute(select(Readers.period, Readers.registers)
                                    .where(Readers.period.in_(_reader_periods(span)))).all())
    hour = _hour(Comment.created, session)
    comments = _bucketed(session, select(hour, func.count()).where(_in(Comment.created, span, zone)).group_by(hour),
                         span, zone)
    hour = _hour(Reaction.created, session)
    reactions = _bucketed(session, select(hour, func.count()).where(_in(Reaction.created, span, zone)).group_by(hour),
                          span, zone)
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


def pages_and_sections(session: Session, span: Span, zone: ZoneInfo, site_root: str
                       ) -> tuple[list[PageFigure], list[PageFigure]]:
    """The top pages (by views, then comments) and every section (first part of the address) of the span."""
    views = dict(session.execute(select(PageViews.page_pk, func.sum(PageViews.views))
                                 .where(PageViews.day.between(span.first, span.last)).group_by(PageViews.page_pk)).all())
    comments = dict(session.execute(select(Comment.page_pk, func.count()).where(_in(Comment.created, span, zone))
                                    .group_by(Comment.page_pk)).all())
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


def _hashtag_uses() -> ColumnElement[bool]:
    """Uses that count: on a live page, by the page or a visible comment (as trending counts them)."""
    return and_(Page.archived.is_(False),
                or_(HashtagUse.comment_id.is_(None), Comment.state == CommentState.VISIBLE.value))


def _uses(*columns: ColumnElement[object]) -> Select[tuple[object, ...]]:
    return (select(*columns).select_from(HashtagUse).join(Page, Page.pk == HashtagUse.page_pk)
            .outerjoin(Comment, Comment.id == HashtagUse.comment_id).where(_hashtag_uses()))


@dataclass(frozen=True)
class HashtagFigure:
    """A hashtag's uses in the span and the span before, and per bucket of the span (its trend line)."""

    slug: str
    uses: int
    before: int
    trend: list[int]


def hashtags(session: Session, span: Span, zone: ZoneInfo) -> tuple[list[HashtagFigure], list[HashtagFigure]]:
    """The most used hashtags of the span, and those that rose most against the span before."""
    previous = span.previous()
    now = and_(HashtagUse.created >= span.start(zone), HashtagUse.created < span.end(zone))
    counts = session.execute(
        _uses(HashtagUse.slug, func.count().filter(now), func.count().filter(HashtagUse.created < span.start(zone)))
        .where(HashtagUse.created >= previous.start(zone), HashtagUse.created < span.end(zone))
        .group_by(HashtagUse.slug)
    ).all()
    top = sorted((row for row in counts if row[1]), key=lambda row: (-row[1], row[0]))[:TOP]
    risen = sorted((row for row in counts if row[1] > row[2]), key=lambda row: (row[2] - row[1], row[0]))[:TOP]
    wanted = {row[0] for row in top} | {row[0] for row in risen}
    hour = _hour(HashtagUse.created, session)
    trends: dict[str, Counter[dt.date]] = defaultdict(Counter)
    if wanted:
        for slug, at, count in session.execute(
            _uses(HashtagUse.slug, hour, func.count()).where(now, HashtagUse.slug.in_(wanted))
            .group_by(HashtagUse.slug, hour)
        ):
            trends[slug][span.bucket_of(_local_day(at, zone))] += count

    def figure(row: tuple[object, ...]) -> HashtagFigure:
        slug = str(row[0])
        return HashtagFigure(slug, int(row[1]), int(row[2]), [trends[slug][b] for b in span.buckets()])  # type: ignore[call-overload]

    return [figure(row) for row in top], [figure(row) for row in risen]


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
    hour = _hour(HashtagUse.created, session)
    pages: Counter[dt.date] = Counter()
    comments: Counter[dt.date] = Counter()
    for on_page, at, count in session.execute(
        _uses(HashtagUse.comment_id.is_(None), hour, func.count())
        .where(HashtagUse.slug == slug, _in(HashtagUse.created, span, zone))
        .group_by(HashtagUse.comment_id.is_(None), hour)
    ):
        (pages if on_page else comments)[span.bucket_of(_local_day(at, zone))] += count
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


def departments(session: Session, taking_part: set[str], other: str) -> list[tuple[str, int]]:
    """Participants per department, departments of fewer than K merged into ``other``; nothing under K in all."""
    if len(taking_part) < K:
        return []
    counts = Counter(session.scalars(select(Person.department).where(Person.id.in_(taking_part))))
    return merge_small([(name or other, n) for name, n in counts.items()], other)


@dataclass(frozen=True)
class Contributor:
    """Someone who chose to be listed, with their comments and reactions in the span."""

    name: str
    person_id: str
    comments: int
    reactions: int


def top_contributors(session: Session, span: Span, zone: ZoneInfo, taking_part: set[str]) -> list[Contributor]:
    """The most active people of the span among those who chose to be named and are not low profile;
    none when fewer than K took part."""
    if len(taking_part) < K:
        return []
    activity = union_all(
        select(Comment.author_id.label("who"), literal(1).label("c"), literal(0).label("r"))
        .where(_in(Comment.created, span, zone)),
        select(Reaction.person_id.label("who"), literal(0).label("c"), literal(1).label("r"))
        .where(_in(Reaction.created, span, zone)),
    ).subquery()
    comments, reactions = func.sum(activity.c.c), func.sum(activity.c.r)
    rows = session.execute(
        select(Person.name, Person.id, comments, reactions)
        .join(activity, activity.c.who == Person.id).join(Listed, Listed.person_id == Person.id)
        .where(Person.low_profile.is_(False))
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
