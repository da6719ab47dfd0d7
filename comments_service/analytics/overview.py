"""A period's figures as the dashboard and the report show them: tables (also their CSV) and charts.

Every chart has a table with the same figures; every table can be downloaded as CSV (``raw`` values: whole
numbers, fractions, ISO dates, and ``<5`` for a figure about fewer than five people).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ..clock import utcnow
from ..identity import settings
from ..models import Comment, CommentState, Page
from ..questions.figures import QuestionFigures, compute
from ..questions.models import Question
from . import charts, figures
from .periods import Span, comparable
from .strings import STRINGS, change, date_label, day_label, duration, month_label, number, percent, share_change

WITHHELD = "<5"
RAW_COMPARED = ["figure", "period", "previous_period"]
"""The CSV columns of a table comparing figures with the period before (the change follows from them)."""


@dataclass
class Table:
    """A table of figures: shown as HTML (``rows``), downloaded as CSV (``raw``)."""

    name: str
    caption: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    raw: list[list[object]] = field(default_factory=list)
    chart: Markup | None = None
    sparks: list[Markup] = field(default_factory=list)
    note: str | None = None
    raw_columns: list[str] | None = None  # of the CSV, when they differ from the shown ones

    def add(self, shown: list[str], raw: list[object]) -> None:
        self.rows.append(shown)
        self.raw.append([WITHHELD if value is None else value for value in raw])


@dataclass
class Overview:
    """Everything shown about one span."""

    span: Span
    previous: Span
    headline: figures.Headline
    before: figures.Headline | None  # None: the span before is not compared (`periods.comparable`)
    tables: dict[str, Table]
    hashtag: str | None
    data_start: dt.date | None


def _bucket_label(span: Span, bucket: dt.date, language: str) -> str:
    return month_label(bucket, language) if span.months else day_label(bucket, language)


def _compared(key: str, label: str, now: object, before: object, shown: Callable[[Any, str], str],
              raw: Callable[[Any], object], language: str, compared: bool) -> tuple[list[str], list[object]]:
    """A comparing table's row (shown, raw): ``key``'s figure now and before, and the change; a dash and an empty
    CSV cell for the span before when it is not compared."""
    if not compared:
        return [label, shown(now, language), "–", "–"], [key, raw(now), ""]
    a, b = (value.total_seconds() if isinstance(value, dt.timedelta) else value for value in (now, before))
    differ = share_change if shown is percent else change  # a share changes by points, a count or time by a share
    return ([label, shown(now, language), shown(before, language), differ(a, b, language)],  # type: ignore[arg-type]
            [key, raw(now), raw(before)])


def _count(value: int | None) -> object:
    """A count's CSV cell as it is (``None``, a withheld figure, becomes ``<5`` in `Table.add`)."""
    return value


def _fraction(value: float | None) -> object:
    """A share's CSV cell: four decimals, empty when there is none."""
    return "" if value is None else round(value, 4)


def _seconds(value: dt.timedelta | None) -> object:
    """A duration's CSV cell in whole seconds, empty when there is none."""
    return "" if value is None else int(value.total_seconds())


def _headline(now: figures.Headline, before: figures.Headline | None, t: Mapping[str, str], language: str) -> Table:
    table = Table("headline", t["readers_participants"],
                  [t["figure"], t["this_period"], t["previous_period"], t["change"]], raw_columns=RAW_COMPARED)
    for key in ("readers", "views", "participants", "new_participants", "comments", "replies", "reactions"):
        table.add(*_compared(key, t[key], getattr(now, key), getattr(before, key, None), number, _count, language,
                             before is not None))
    table.add(*_compared("share", t["share"], now.share, getattr(before, "share", None), percent, _fraction, language,
                         before is not None))
    return table


def series_tables(session: Session, source: figures.Source, language: str, print_: bool) -> tuple[Table, Table]:
    """Views and readers, comments and reactions per bucket of the span: two tables with their charts."""
    t = STRINGS[language]
    span = source.span
    found = figures.series(session, source)
    labels = [_bucket_label(span, b, language) for b in found.buckets]
    unit = t["month"] if span.months else t["day"]
    reading = Table("reading", t["per_month"] if span.months else t["per_day"], [unit, t["views"], t["readers"]])
    talking = Table("conversations", t["conversations"], [unit, t["comments"], t["reactions"]])
    for bucket, label, views, readers, comments, reactions in zip(
        found.buckets, labels, found.views, found.readers, found.comments, found.reactions, strict=True
    ):
        reading.add([label, number(views, language), number(readers, language)], [bucket.isoformat(), views, readers])
        talking.add([label, number(comments, language), number(reactions, language)],
                    [bucket.isoformat(), comments, reactions])
    reading.chart = charts.lines(labels, [(t["views"], found.views), (t["readers"], found.readers)], print_=print_,
                                 secondary=1)
    talking.chart = charts.lines(labels, [(t["comments"], found.comments), (t["reactions"], found.reactions)],
                                 print_=print_, bars=True)
    return reading, talking


def _pages(session: Session, source: figures.Source, site_root: str, t: Mapping[str, str],
           language: str) -> tuple[Table, Table]:
    top, sections = figures.pages_and_sections(session, source, site_root)
    pages = Table("pages", t["top_pages"], [t["page"], t["views"], t["comments"]])
    for page in top:
        pages.add([page.title, number(page.views, language), number(page.comments, language)],
                  [page.title, page.views, page.comments])
    by_section = Table("sections", t["sections"], [t["section"], t["views"], t["comments"]])
    for section in sections:
        name = section.title or t["home"]
        by_section.add([name, number(section.views, language), number(section.comments, language)],
                       [name, section.views, section.comments])
    return pages, by_section


def _hashtags(session: Session, source: figures.Source, previous: figures.Source | None, t: Mapping[str, str],
              language: str) -> tuple[Table, Table]:
    """The most used hashtags and those that rose most; without ``previous`` (not compared) none rose."""
    top, risen = figures.hashtags(session, source, previous)
    tables = []
    for name, found in (("hashtags", top), ("rising", risen)):
        table = Table(name, t[name], [t["hashtag"], t["uses"], t["before"], t["change"]],
                      raw_columns=["hashtag", "uses", "uses_period_before"])
        for tag in found:
            table.add(*_compared(tag.slug, "#" + tag.slug, tag.uses, tag.before, number, _count, language,
                                 previous is not None))
            table.sparks.append(charts.sparkline(tag.trend))
        tables.append(table)
    if previous is None:
        tables[1].note = t["rising_not_compared"]
    return tables[0], tables[1]


def _hashtag_series(session: Session, slug: str, span: Span, zone: ZoneInfo, t: Mapping[str, str], language: str,
                    print_: bool) -> Table:
    found = figures.hashtag_series(session, slug, span.last.replace(day=1), zone)
    table = Table("hashtag", f"#{slug}: {t['hashtag_series'].lower()}", [t["month"], t["on_pages"], t["in_comments"]])
    for month in found:
        table.add([month_label(month.month, language), number(month.pages, language), number(month.comments, language)],
                  [month.month.isoformat()[:7], month.pages, month.comments])
    table.chart = charts.lines([month_label(m.month, language) for m in found],
                               [(t["on_pages"], [m.pages for m in found]), (t["in_comments"], [m.comments for m in found])],
                               print_=print_, bars=True)
    return table


def _questions(session: Session, span: Span, previous: Span | None, zone: ZoneInfo, t: Mapping[str, str],
               language: str) -> Table:
    """The question figures of ``span`` against ``previous`` (``None``: not compared)."""
    calendar = settings().working_calendar
    now: QuestionFigures = compute(session, calendar, span.start(zone), span.end(zone))
    before = compute(session, calendar, previous.start(zone), previous.end(zone)) if previous else None
    table = Table("questions", t["questions"], [t["figure"], t["this_period"], t["previous_period"], t["change"]],
                  raw_columns=RAW_COMPARED, note=t["working_time_note"])
    rows: list[tuple[str, str, Callable[[Any, str], str], Callable[[Any], object]]] = [
        *((key, key, number, _count) for key in ("asked", "answered", "unanswered")),
        *((key, key, percent, _fraction) for key in ("answer_rate", "best_answer_rate")),
        *((key, key + "_seconds", duration, _seconds) for key in (
            "median_first_answer", "median_first_answer_working", "median_best_answer", "median_best_answer_working")),
    ]
    for key, raw_key, shown, raw in rows:
        table.add(*_compared(raw_key, t[key], getattr(now, key), getattr(before, key, None), shown, raw, language,
                             before is not None))
    return table


def _waited(session: Session, span: Span, zone: ZoneInfo, t: Mapping[str, str], language: str) -> Table:
    """The questions of the span that waited longest for a first answer (still open ones up to now)."""
    now = min(utcnow(), span.end(zone))
    answer = aliased(Comment)
    rows = session.execute(
        select(Page.title, Question.asked, answer.created)
        .join(Comment, Comment.id == Question.comment_id).join(Page, Page.pk == Question.page_pk)
        .outerjoin(answer, answer.id == Question.first_answer_id)
        .where(Comment.state == CommentState.VISIBLE.value, Question.asked >= span.start(zone),
               Question.asked < span.end(zone))
    ).all()
    waits = sorted(((answered or now) - asked, title, asked, answered is None) for title, asked, answered in rows)
    table = Table("waited", t["waited_longest"], [t["page"], t["asked"], t["waited"]],
                  raw_columns=["page", "asked", "waited_seconds"])
    for waited, title, asked, still_open in reversed(waits[-figures.TOP:]):
        shown = duration(waited, language) + (f" ({t['open']})" if still_open else "")
        table.add([title, date_label(asked.astimezone(zone).date(), language), shown],
                  [title, asked.astimezone(zone).isoformat(), round(waited.total_seconds())])
    return table


def _searches(session: Session, span: Span, t: Mapping[str, str], language: str) -> tuple[Table, Table]:
    frequent, fruitless = figures.searches(session, span)
    tables = []
    for name, found in (("searches", frequent), ("empty_searches", fruitless)):
        table = Table(name, t[name], [t["query"], t["times"], t["empty"]], note=t["searches_note"])
        for search in found:
            table.add([search.query, number(search.searches, language), number(search.empty, language)],
                      [search.query, search.searches, search.empty])
        tables.append(table)
    return tables[0], tables[1]


def _people(session: Session, source: figures.Source, t: Mapping[str, str], language: str) -> tuple[Table, Table]:
    groups = Table("departments", t["departments"], [t["department"], t["participants"]])
    people = Table("contributors", t["contributors"], [t["name"], t["comments"], t["reactions"]],
                   note=t["contributors_note"])
    if figures.participants(session, source) < figures.K:
        groups.note = people.note = t["too_few"]
        return groups, people
    for name, count in figures.departments(session, source, t["other"]):
        groups.add([name, number(count, language)], [name, count])
    for person in figures.top_contributors(session, source):
        people.add([person.name, number(person.comments, language), number(person.reactions, language)],
                   [person.name, person.comments, person.reactions])
    return groups, people


def build(session: Session, span: Span, zone: ZoneInfo, site_root: str, language: str, hashtag: str | None = None,
          *, data_start: dt.date | None, print_: bool = False) -> Overview:
    """All figures of ``span`` against the span before (when that lies within the data, from ``data_start``), in
    ``language``; ``hashtag`` adds that tag's months."""
    t = STRINGS[language]
    previous = span.previous()
    compared = comparable(span, data_start)
    found = figures.source(session, span, zone)
    earlier = figures.source(session, previous, zone) if compared else None
    now = figures.headline(session, found)
    before = figures.headline(session, earlier) if earlier else None
    tables: dict[str, Table] = {"headline": _headline(now, before, t, language)}
    tables["reading"], tables["conversations"] = series_tables(session, found, language, print_)
    tables["pages"], tables["sections"] = _pages(session, found, site_root, t, language)
    tables["hashtags"], tables["rising"] = _hashtags(session, found, earlier, t, language)
    if hashtag:
        tables["hashtag"] = _hashtag_series(session, hashtag, span, zone, t, language, print_)
    tables["questions"] = _questions(session, span, previous if compared else None, zone, t, language)
    tables["waited"] = _waited(session, span, zone, t, language)
    tables["searches"], tables["empty_searches"] = _searches(session, span, t, language)
    tables["departments"], tables["contributors"] = _people(session, found, t, language)
    return Overview(span, previous, now, before, tables, hashtag, data_start)


def describe(overview: Overview, language: str) -> str:
    """``1 nov 2026 to 28 nov 2026, compared with ...``, or why it is not compared."""
    span, previous, t = overview.span, overview.previous, STRINGS[language]
    dates = {"first": date_label(span.first, language), "last": date_label(span.last, language)}
    if overview.before is None:
        start = date_label(overview.data_start, language) if overview.data_start else "–"
        return t["span_not_compared"].format(**dates, start=start)
    return t["span"].format(**dates, previous_first=date_label(previous.first, language),
                            previous_last=date_label(previous.last, language))
