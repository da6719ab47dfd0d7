"""The question figures, defined as Viva Engage and Discourse define them, for any period and scope.

- **asked**: visible questions asked in ``[start, end)``;
- **answered**: of those, the ones with a reply by someone other than the asker (a self-reply is no answer);
- **answer_rate** = answered / asked; **best_answer_rate** = questions with a best answer / asked;
- **median_first_answer**: median time from the question to its first answer by someone else;
- **median_best_answer**: median time from the question to the writing of the reply marked best (so changing
  the mark later does not move the figure, and a best answer marked late is not counted as slow);
- **unanswered**: asked questions without an answer yet; they are kept out of both times;
- each median also in **working time** (``*_working``): the hours that lay on working days of the service's
  calendar (``workdays``), as a question's escalation counts them, so a question asked on Friday at 16:00 and
  answered on Monday at 09:00 waited 65 hours but 17 working hours.

Answers count as the database has them now, whenever they came. Counts come from one aggregate; the durations
are stored in seconds with each question when its answers change, so the medians read one column of integers;
working time is counted from them when asked, so a change to the calendar's settings counts for every period.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from ..db import AnySelect
from ..models import Comment, CommentState, HashtagUse, Page
from ..services.pages import find_page
from ..workdays import WorkingCalendar
from .models import Question


@dataclass(frozen=True)
class QuestionFigures:
    """The figures of one period and scope; rates and medians are ``None`` when nothing was asked or answered."""

    asked: int
    answered: int
    best_answered: int
    unanswered: int
    answer_rate: float | None
    best_answer_rate: float | None
    median_first_answer: dt.timedelta | None
    median_best_answer: dt.timedelta | None
    median_first_answer_working: dt.timedelta | None
    median_best_answer_working: dt.timedelta | None

    def as_json(self) -> dict[str, object]:
        """The figures for an API answer: rates as fractions, medians in seconds."""
        def seconds(value: dt.timedelta | None) -> float | None:
            return None if value is None else value.total_seconds()

        return {
            "asked": self.asked, "answered": self.answered, "best_answered": self.best_answered,
            "unanswered": self.unanswered, "answer_rate": self.answer_rate, "best_answer_rate": self.best_answer_rate,
            "median_first_answer_seconds": seconds(self.median_first_answer),
            "median_best_answer_seconds": seconds(self.median_best_answer),
            "median_first_answer_working_seconds": seconds(self.median_first_answer_working),
            "median_best_answer_working_seconds": seconds(self.median_best_answer_working),
        }


def like_prefix(prefix: str) -> str:
    """A LIKE pattern matching what starts with ``prefix`` (its own wildcards escaped with ``\\``)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def in_section(section: str) -> ColumnElement[bool]:
    """The page lies in the section: its URL starts with the section's path (``vragen`` or ``teams/hr``)."""
    path = section.strip("/") + "/"
    return Page.url.like(like_prefix(path), escape="\\")


def with_hashtag(slug: str) -> ColumnElement[bool]:
    """The question or its page uses the hashtag (two uncorrelated look-ups by the slug's index, not one per question)."""
    return or_(
        Question.comment_id.in_(select(HashtagUse.comment_id).where(HashtagUse.slug == slug)),
        Question.page_pk.in_(select(HashtagUse.page_pk).where(HashtagUse.slug == slug, HashtagUse.comment_id.is_(None))),
    )


def scoped(
    statement: AnySelect, *, page_pk: int | None = None, section: str | None = None, hashtag: str | None = None,
) -> AnySelect:
    """The statement over visible questions only, narrowed to a page, a section and a hashtag when given."""
    statement = statement.join(Comment, Comment.id == Question.comment_id).where(
        Comment.state == CommentState.VISIBLE.value
    )
    if page_pk is not None:
        statement = statement.where(Question.page_pk == page_pk)
    if section:  # the section's few pages first, then their questions (no join of pages against every question)
        statement = statement.where(Question.page_pk.in_(select(Page.pk).where(in_section(section))))
    if hashtag:
        statement = statement.where(with_hashtag(hashtag))
    return statement


def _median(seconds: list[float]) -> dt.timedelta | None:
    """The median duration, to the second; ``None`` for none."""
    return dt.timedelta(seconds=round(statistics.median(seconds))) if seconds else None


@dataclass
class _Durations:
    """The answer times of a scope's questions in seconds, by the clock and in working time."""

    calendar: list[float] = field(default_factory=list)
    working: list[float] = field(default_factory=list)

    def add(self, asked: dt.datetime, seconds: int, working_calendar: WorkingCalendar) -> None:
        self.calendar.append(seconds)
        answered = asked + dt.timedelta(seconds=seconds)
        self.working.append(working_calendar.working_time_between(asked, answered).total_seconds())


def compute(
    session: Session, calendar: WorkingCalendar, start: dt.datetime, end: dt.datetime,
    page: int | str | None = None, section: str | None = None, hashtag: str | None = None,
) -> QuestionFigures:
    """The figures of the questions asked from ``start`` up to (not including) ``end``, working time by
    ``calendar``.

    ``page`` is a page's key (``Page.pk``) or identity (a former one too; an unknown page has no questions);
    ``section`` a path prefix of page URLs (``vragen``); ``hashtag`` a slug (``wol``) the question or its page
    uses. Two statements whatever the number of questions.
    """
    if isinstance(page, str):
        found = find_page(session, page)
        page = found.pk if found is not None else 0
    period = and_(Question.asked >= start, Question.asked < end)
    tag = hashtag.lower().lstrip("#") if hashtag else None
    asked, answered, best = session.execute(
        scoped(
            select(func.count(), func.count(Question.first_answer_id), func.count(Question.best_answer_id)),
            page_pk=page, section=section, hashtag=tag,
        ).where(period)
    ).one()
    first_times, best_times = _Durations(), _Durations()
    if answered or best:  # a question its asker solved has a best answer and no answer by anyone else
        durations = scoped(
            select(Question.asked, Question.first_answer_after, Question.best_answer_after),
            page_pk=page, section=section, hashtag=tag,
        ).where(period, or_(Question.first_answer_id.is_not(None), Question.best_answer_id.is_not(None)))
        for asked_at, first, best_after in session.execute(durations):
            if first is not None:
                first_times.add(asked_at, first, calendar)
            if best_after is not None:
                best_times.add(asked_at, best_after, calendar)
    return QuestionFigures(
        asked=asked,
        answered=answered,
        best_answered=best,
        unanswered=asked - answered,
        answer_rate=answered / asked if asked else None,
        best_answer_rate=best / asked if asked else None,
        median_first_answer=_median(first_times.calendar),
        median_best_answer=_median(best_times.calendar),
        median_first_answer_working=_median(first_times.working),
        median_best_answer_working=_median(best_times.working),
    )
