"""Closed days rolled up: a local day's conversation figures are computed once from the conversation tables,
after the day ended, and read from then on (a year is a few hundred rows, whatever the number of comments).

A day is rolled when figures first need it (and by an hourly job, so the dashboard seldom waits); today is
always computed live, the same way. Two processes rolling the same day insert the same rows: the second insert
does nothing. Comments imported into days already rolled (``flask import``) need ``flask analytics reroll
--since YYYY-MM-DD``; a comment hidden or an erasure later leaves a closed day's counts as they were. Participants per day and month are sketches (``sketch``) of a keyed hash,
like readers: no ids are stored.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import click
from flask import Flask
from flask.cli import with_appcontext
from huey import crontab
from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session

from .. import db
from ..clock import utcnow
from ..identity import settings
from ..models import Comment, CommentState, HashtagUse, Page, Person, Reaction
from ..notifications import jobs
from . import sketch
from .models import Day, DayHashtag, DayPage, DepartmentParticipants, Participants
from .periods import local_midnight

MAX_ROLLED_PER_CALL = 800
"""Days one call rolls at most (a request never rolls more than about two years)."""


@dataclass
class DayFigures:
    """One local day's conversation figures."""

    day: dt.date
    comments: int = 0
    replies: int = 0
    reactions: int = 0
    new_participants: int = 0
    participants: bytes = sketch.EMPTY
    pages: Counter[int] = field(default_factory=Counter)
    hashtags: dict[str, tuple[int, int]] = field(default_factory=dict)  # slug -> (pages, comments)
    departments: dict[str, bytes] = field(default_factory=dict)  # department ("" for none) -> participants' sketch


def compute(session: Session, day: dt.date, zone: ZoneInfo, key: bytes) -> DayFigures:
    """The figures of ``day`` from the conversation tables (seven small statements over the day's rows)."""
    start, end = local_midnight(day, zone), local_midnight(day + dt.timedelta(days=1), zone)
    comment_in = and_(Comment.created >= start, Comment.created < end)
    reaction_in = and_(Reaction.created >= start, Reaction.created < end)
    comments, replies = session.execute(select(
        func.count().filter(Comment.parent_id.is_(None)), func.count().filter(Comment.parent_id.is_not(None))
    ).where(comment_in)).one()
    figures = DayFigures(day, comments, replies, session.scalar(select(func.count()).where(reaction_in)) or 0)
    people = set(session.scalars(select(Comment.author_id).where(comment_in)))
    people |= set(session.scalars(select(Reaction.person_id).where(reaction_in)))
    if people:
        earlier = session.scalars(select(Person.id).where(
            Person.id.in_(people),
            or_(exists().where(Comment.author_id == Person.id, Comment.created < start),
                exists().where(Reaction.person_id == Person.id, Reaction.created < start)),
        )).all()
        figures.new_participants = len(people) - len(earlier)
        ranks: dict[str, dict[int, int]] = {}
        for person, department in session.execute(select(Person.id, Person.department).where(Person.id.in_(people))):
            index, rank = sketch.position(person, key)
            for group in ("\x00all", department or ""):
                mine = ranks.setdefault(group, {})
                mine[index] = max(rank, mine.get(index, 0))
        figures.participants = sketch.apply(sketch.EMPTY, ranks.pop("\x00all"))
        figures.departments = {group: sketch.apply(sketch.EMPTY, found) for group, found in ranks.items()}
    figures.pages.update(dict(session.execute(
        select(Comment.page_pk, func.count()).where(comment_in).group_by(Comment.page_pk)).all()))
    on_page = HashtagUse.comment_id.is_(None)
    for slug, pages, in_comments in session.execute(
        select(HashtagUse.slug, func.count().filter(on_page), func.count().filter(~on_page))
        .select_from(HashtagUse).join(Page, Page.pk == HashtagUse.page_pk)
        .outerjoin(Comment, Comment.id == HashtagUse.comment_id)
        .where(HashtagUse.created >= start, HashtagUse.created < end, Page.archived.is_(False),
               or_(on_page, Comment.state == CommentState.VISIBLE.value))
        .group_by(HashtagUse.slug)
    ):
        figures.hashtags[slug] = (pages, in_comments)
    return figures


def store(session: Session, figures: DayFigures) -> None:
    """Keep a closed day's figures (nothing when another process kept them first); its month's sketch grows."""
    insert = db.insert_of(session)
    added = db.rows_changed(session, insert(Day).values(
        day=figures.day, comments=figures.comments, replies=figures.replies, reactions=figures.reactions,
        new_participants=figures.new_participants,
    ).on_conflict_do_nothing())
    if not added:
        return
    if figures.pages:
        session.execute(insert(DayPage), [{"day": figures.day, "page_pk": pk, "comments": n}
                                          for pk, n in sorted(figures.pages.items())])
    if figures.hashtags:
        session.execute(insert(DayHashtag), [{"day": figures.day, "slug": slug, "pages": p, "comments": c}
                                             for slug, (p, c) in sorted(figures.hashtags.items())])
    if figures.participants != sketch.EMPTY:
        _add_sketch(session, Participants, figures.day, figures.participants)
    for department, registers in sorted(figures.departments.items()):
        _add_sketch(session, DepartmentParticipants, figures.day, registers, department=department)


def _add_sketch(session: Session, table: type[Participants] | type[DepartmentParticipants], day: dt.date,
                registers: bytes, **key: str) -> None:
    """Keep a day's sketch and merge it into its month's (under the month row's lock)."""
    insert = db.insert_of(session)
    month = day.isoformat()[:7]
    session.execute(insert(table).values(period=day.isoformat(), registers=registers, **key))
    session.execute(insert(table).values(period=month, registers=sketch.EMPTY, **key).on_conflict_do_nothing())
    where = [table.period == month, *(getattr(table, column) == value for column, value in key.items())]
    stored = session.scalar(select(table.registers).where(*where).with_for_update())
    merged = sketch.union([stored or sketch.EMPTY, registers])
    session.execute(update(table.__table__).where(*where).values(registers=merged))


def ensure_rolled(session: Session, zone: ZoneInfo, first: dt.date, last: dt.date) -> None:
    """Roll every closed day from ``first`` to ``last`` (at most yesterday) that is not rolled yet."""
    yesterday = utcnow().astimezone(zone).date() - dt.timedelta(days=1)
    last = min(last, yesterday)
    firsts = [session.scalar(select(func.min(column))) for column in (Comment.created, Reaction.created,
                                                                         HashtagUse.created)]
    began = min((moment for moment in firsts if moment is not None), default=None)  # nothing to roll before
    if began is None:
        return
    first = max(first, began.astimezone(zone).date())
    if last < first:
        return
    done = set(session.scalars(select(Day.day).where(Day.day.between(first, last))))
    missing = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    missing = [day for day in missing if day not in done][-MAX_ROLLED_PER_CALL:]
    if not missing:
        return
    key = sketch.hash_key(settings().secret_key)
    session.commit()  # end the read transaction: each day is written in one of its own
    for day in missing:
        with db.transaction() as writing:
            store(writing, compute(writing, day, zone, key))


def forget_from(session: Session, day: dt.date) -> None:
    """Drop the rollups from the first of ``day``'s month on (a month's sketch is made of its days), to be made
    again."""
    first = day.replace(day=1)
    for table in (DayPage, DayHashtag, Day):
        session.execute(delete(table).where(table.day >= first))
    for sketches in (Participants, DepartmentParticipants):
        session.execute(delete(sketches).where(sketches.period >= first.isoformat()[:7]))


@jobs.periodic("analytics_rollup", crontab(minute="20"))
def roll_up(app: Flask) -> None:
    """Hourly: roll the closed days of the last two years that are not rolled yet."""
    zone = settings().mail.timezone
    today = utcnow().astimezone(zone).date()
    ensure_rolled(db.session(), zone, today - dt.timedelta(days=MAX_ROLLED_PER_CALL - 1), today)


@click.command("reroll")
@click.option("--since", "since", required=True, help="The first day to roll again, YYYY-MM-DD.")
@with_appcontext
def reroll_command(since: str) -> None:
    """Forget the rolled-up days from SINCE's month on (after importing old comments); they are rolled again."""
    try:
        day = dt.date.fromisoformat(since)
    except ValueError:
        raise click.BadParameter(f"{since!r} is not a day: write YYYY-MM-DD.", param_hint="--since") from None
    with db.transaction() as session:
        forget_from(session, day)
    click.echo(f"Rolled-up figures from {day.replace(day=1).isoformat()} on are made again when next needed.")
