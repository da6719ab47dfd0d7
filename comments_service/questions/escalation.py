"""Escalation: a question nobody but its asker answered goes to the page's owners, then to community managers.

After ``PLEIN_QUESTION_ESCALATE_AFTER`` working hours (weekends skipped) without an answer by someone other
than the asker, the page's owners get an ``unanswered`` notification; ``PLEIN_QUESTION_ESCALATE_MANAGERS_AFTER``
working hours later, still unanswered, the community managers (``PLEIN_COMMUNITY_MANAGER_GROUPS``/``_PEOPLE``)
get an ``escalated`` one. A page without owners still reaches the managers, so nothing sinks away.

The periodic job may run in several workers at once: each step claims a question with one conditional UPDATE
(the claim column still empty, the question still open) and writes the notifications in that same transaction,
so exactly one worker escalates it, and mail goes out through the notifications' outbox.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from flask import Flask
from huey import crontab
from sqlalchemy import SQLColumnExpression, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from .. import db
from ..clock import utcnow
from ..config import Settings
from ..models import Comment, CommentState, GroupMember, Page, Person
from ..notifications.events import store
from ..notifications.jobs import periodic
from ..notifications.models import Kind
from ..services.owners import page_owner_ids
from .models import Question

COMMUNITY_MANAGER = "community_manager"


def community_manager_ids(session: Session, config: Settings) -> set[str]:
    """The community managers Plein knows: members of their groups, and the people named as such (those who
    visited: a notification needs the person's row)."""
    groups = sorted(config.role_groups.get(COMMUNITY_MANAGER, frozenset()))
    named = sorted(config.role_people.get(COMMUNITY_MANAGER, frozenset()))
    found: set[str] = set()
    if groups:
        found.update(session.scalars(select(GroupMember.person_id).where(GroupMember.group.in_(groups))))
    if named:
        found.update(session.scalars(select(Person.id).where(Person.id.in_(named))))
    return found


def _due(session: Session, claim: InstrumentedAttribute[dt.datetime | None],
         since: SQLColumnExpression[dt.datetime | None], hours: int, now: dt.datetime,
         config: Settings) -> list[tuple[int, int, str]]:
    """Open, visible questions on live pages whose ``claim`` is empty and whose working hours since ``since``
    have run out: (question, page, asker). Calendar time is at least working time, so the database narrows to
    the candidates and the days off are skipped here."""
    waited = dt.timedelta(hours=hours)
    rows = session.execute(
        select(Question.comment_id, Question.page_pk, Comment.author_id, since)
        .join(Comment, Comment.id == Question.comment_id)
        .join(Page, Page.pk == Question.page_pk)
        .where(claim.is_(None), since.is_not(None), since <= now - waited, Question.first_answer_id.is_(None),
               Comment.state == CommentState.VISIBLE.value, Page.archived.is_(False))
        .order_by(Question.asked)
    )
    calendar = config.working_calendar
    return [(qid, page_pk, asker) for qid, page_pk, asker, start in rows
            if start is not None and calendar.add_working_time(start, waited) <= now]  # not None: the WHERE


def _claim(session: Session, question_id: int, claim: InstrumentedAttribute[dt.datetime | None],
           now: dt.datetime) -> bool:
    """Set the claim if it is still empty and the question still open; whether this worker got it."""
    taken = (
        update(Question)
        .where(Question.comment_id == question_id, claim.is_(None), Question.first_answer_id.is_(None))
        .values({claim.key: now})
    )
    return db.rows_changed(session, taken) == 1


def _escalate_step(config: Settings, claim: InstrumentedAttribute[dt.datetime | None],
                   since: SQLColumnExpression[dt.datetime | None], hours: int, kind: Kind,
                   recipients: Callable[[Session, int], set[str]]) -> int:
    """One step for every question due: claim it and notify ``recipients`` (never the asker), each in its own
    transaction; how many questions this worker escalated."""
    now = utcnow()
    with db.transaction() as session:
        due = _due(session, claim, since, hours, now, config)
    done = 0
    for question_id, page_pk, asker in due:
        with db.transaction() as session:
            if not _claim(session, question_id, claim, now):
                continue
            people = recipients(session, page_pk) - {asker}
            store(session, dict.fromkeys(people, kind), topic=f"{kind.value}:{question_id}", page_pk=page_pk,
                  comment_id=question_id, actor_id=asker)
            done += 1
    return done


def escalate(config: Settings) -> int:
    """Both steps, owners first; how many escalations this run made."""
    owners = _escalate_step(config, Question.escalated_owner, Question.asked, config.question_escalate_after,
                            Kind.UNANSWERED, page_owner_ids)
    managers = _escalate_step(
        config, Question.escalated_managers, Question.escalated_owner, config.question_escalate_managers_after,
        Kind.ESCALATED, lambda session, _page: community_manager_ids(session, config),
    )
    return owners + managers


@periodic("escalate_questions", crontab(minute="*/5"))
def escalate_job(app: Flask) -> int:
    """Every five minutes in the job worker (which gives the app's context)."""
    return escalate(app.extensions["plein"])
