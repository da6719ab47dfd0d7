"""A period's figures as the dashboard and the report show them: tables (also their CSV) and charts.

Every chart has a table with the same figures; every table can be downloaded as CSV (``raw`` values: whole
numbers, fractions, ISO dates, and ``<5`` for a figure about fewer than five people).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
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
from .periods import Span
from .strings import STRINGS, change, date_label, day_label, duration, month_label, number, percent

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
    before: figures.Headline
    tables: dict[str, Table]
    hashtag: str | None


def _bucket_label(span: Span, bucket: dt.date, language: str) -> str:
    return month_label(bucket, language) if span.months else day_label(bucket, language)


def _headline(now: figures.Headline, before: figures.Headline, t: Mapping[str, str], language: str) -> Table:
    table = Table("headline", t["readers_participants"],
                  [t["figure"], t["this_period"], t["previous_period"], t["change"]], raw_columns=RAW_COMPARED)
    for key in ("readers", "views", "participants", "new_participants", "comments", "replies", "reactions"):
        a, b = getattr(now, key), getattr(before, key)
        table.add([t[key], number(a, language), number(b, language), change(a, b, language)], [key, a, b])
    table.add([t["share"], percent(now.share, language), percent(before.share, language), change(now.share, before.share, language)],
              ["share", round(now.share, 4) if now.share is not None else "", round(before.share, 4) if before.share is not None else ""])
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


def _hashtags(session: Session, source: figures.Source, previous: figures.Source, t: Mapping[str, str],
              language: str) -> tuple[Table, Table]:
    top, risen = figures.hashtags(session, source, previous)
    tables = []
    for name, found in (("hashtags", top), ("rising", risen)):
        table = Table(name, t[name], [t["hashtag"], t["uses"], t["before"], t["change"]],
                      raw_columns=["hashtag", "uses", "uses_period_before"])
        for tag in found:
            table.add(["#" + tag.slug, number(tag.uses, language), number(tag.before, language),
                       change(tag.uses, tag.before, language)], [tag.slug, tag.uses, tag.before])
            table.sparks.append(charts.sparkline(tag.trend))
        tables.append(table)
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


def _questions(session: Session, span: Span, previous: Span, zone: ZoneInfo, t: Mapping[str, str],
               language: str) -> Table:
    calendar = settings().working_calendar
    now: QuestionFigures = compute(session, calendar, span.start(zone), span.end(zone))
    before: QuestionFigures = compute(session, calendar, previous.start(zone), previous.end(zone))
    table = Table("questions", t["questions"], [t["figure"], t["this_period"], t["previous_period"], t["change"]],
                  raw_columns=RAW_COMPARED, note=t["working_time_note"])
    for key in ("asked", "answered", "unanswered"):
        a, b = getattr(now, key), getattr(before, key)
        table.add([t[key], number(a, language), number(b, language), change(a, b, language)], [key, a, b])
    for key in ("answer_rate", "best_answer_rate"):
        a, b = getattr(now, key), getattr(before, key)
        table.add([t[key], percent(a, language), percent(b, language), change(a, b, language)],
                  [key, "" if a is None else round(a, 4), "" if b is None else round(b, 4)])
    for key in ("median_first_answer", "median_first_answer_working", "median_best_answer",
                "median_best_answer_working"):
        a, b = getattr(now, key), getattr(before, key)
        table.add([t[key], duration(a, language), duration(b, language),
                   change(a.total_seconds() if a else None, b.total_seconds() if b else None, language)],
                  [key + "_seconds", "" if a is None else int(a.total_seconds()),
                   "" if b is None else int(b.total_seconds())])
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
          *, print_: bool = False) -> Overview:
    """All figures of ``span`` against the span before, in ``language``; ``hashtag`` adds that tag's months."""
    t = STRINGS[language]
    previous = span.previous()
    found, earlier = figures.source(session, span, zone), figures.source(session, previous, zone)
    now, before = figures.headline(session, found), figures.headline(session, earlier)
    tables: dict[str, Table] = {"headline": _headline(now, before, t, language)}
    tables["reading"], tables["conversations"] = series_tables(session, found, language, print_)
    tables["pages"], tables["sections"] = _pages(session, found, site_root, t, language)
    tables["hashtags"], tables["rising"] = _hashtags(session, found, earlier, t, language)
    if hashtag:
        tables["hashtag"] = _hashtag_series(session, hashtag, span, zone, t, language, print_)
    tables["questions"] = _questions(session, span, previous, zone, t, language)
    tables["waited"] = _waited(session, span, zone, t, language)
    tables["searches"], tables["empty_searches"] = _searches(session, span, t, language)
    tables["departments"], tables["contributors"] = _people(session, found, t, language)
    return Overview(span, previous, now, before, tables, hashtag)


def describe(span: Span, language: str) -> str:
    """``1 nov 2026 to 28 nov 2026, compared with ...``."""
    previous = span.previous()
    return STRINGS[language]["span"].format(
        first=date_label(span.first, language), last=date_label(span.last, language),
        previous_first=date_label(previous.first, language), previous_last=date_label(previous.last, language),
    )
