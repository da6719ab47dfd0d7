"""The rules: which people a change concerns, and the notification rows it gives them.

One event gives a person one row, for the strongest reason that applies (a mention, then a reply to them, then
a page they own, then something they follow), and the person who acted hears nothing. A comment's rules run in
the job worker for a batch of queued comments at once (``queue``), with one query for all of the batch; the
reactions to a comment are gathered into its author's one row in the reaction's own transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from flask import Flask
from sqlalchemy import (
    ColumnElement, Connection, Insert, String, Update, and_, bindparam, cast, func, insert, literal, select, union_all,
    update,
)
from sqlalchemy.orm import Session, aliased

from ..clock import utcnow
from ..models import Comment, GroupMember, HashtagUse, PageOwner, Person, Reaction
from ..prepared import Prepared
from ..rendering.mentions import mentioned_in
from ..signals import reaction_written
from .follows import Target
from .models import Follow, Kind, Notification
from .preferences import MAILED_KINDS, mail_state_of

MAIL_DUE = "plein.notifications.mail_due"
"""``Session.info`` key: this request's write notified someone of a kind that is mailed, so mail may be due at once
(the job queue is asked after the commit; the run it asks for finds whether any is)."""
_STORED = ("topic", "kind", "page_pk", "comment_id", "actor_id", "count", "created")
"""A new notification's columns given as parameters; its person and its mail state come from ``people``."""
FEW = 20
"""Up to this many people an event's rows are written person by person, by statements of a fixed text; more (the
followers of a page) by one statement for all of a kind. A list parameter makes SQLAlchemy render the statement
anew at every run, which cost more than the insert itself; per person, a fan-out to 10,000 followers took four
times as long."""


def _insert(people: ColumnElement[bool]) -> Insert:
    """The rows of one kind for ``people``, each with the mail its person's address and choices ask for, read by
    the insert itself (where reading the choices first took one more statement for every event)."""
    return insert(Notification).from_select(
        ["person_id", *_STORED, "mail_state"],
        select(
            Person.id, *(bindparam(name, type_=Notification.__table__.c[name].type) for name in _STORED),
            mail_state_of(bindparam("kind", type_=Notification.kind.type)),
        ).where(people),
    )


def _count_unread(people: ColumnElement[bool]) -> Update:
    """``added`` more unread notifications for each of ``people`` (the bell reads the count, not the rows)."""
    return update(Person).where(people).values(unread=Person.unread + bindparam("added"))


# Built once, for a few people (one run per person, prepared: `comments_service.prepared`) and for many (one run for
# all, whose list of people Core renders at each run).
_ONE = Person.id == bindparam("person_id")
_ALL = Person.id.in_(bindparam("people", expanding=True))
_INSERT_ONE, _INSERT_ALL = Prepared(_insert(_ONE)), _insert(_ALL)
_COUNT_UNREAD_ONE, _COUNT_UNREAD_ALL = Prepared(_count_unread(_ONE)), _count_unread(_ALL)


def comment_topic(comment_id: int) -> str:
    """The event of a comment being written, for everyone it concerns."""
    return f"comment:{comment_id}"


def reactions_topic(comment_id: int) -> str:
    """The reactions to a comment, gathered into one notification for its author."""
    return f"reactions:{comment_id}"


@dataclass(frozen=True)
class Event:
    """One event to write: its shared fields (``_STORED`` but the kind) and who hears of it, why."""

    fields: Mapping[str, Any]
    reasons: Mapping[str, Kind]


def write_events(connection: Connection, events: Iterable[Event]) -> bool:
    """Write the rows of ``events``, each with the mail its person's preferences ask for, and count them unread;
    whether any is of a kind that is mailed. The events of a few people each share one run of ``_INSERT_ONE``."""
    few: list[dict[str, Any]] = []
    unread: Counter[str] = Counter()
    mailed = False
    for event in events:
        if len(event.reasons) <= FEW:
            few.extend({**event.fields, "person_id": person_id, "kind": kind.value}
                       for person_id, kind in event.reasons.items())
        else:
            by_kind: dict[Kind, list[str]] = {}
            for person_id, kind in event.reasons.items():
                by_kind.setdefault(kind, []).append(person_id)
            for kind, people in by_kind.items():
                connection.execute(_INSERT_ALL, {**event.fields, "people": people, "kind": kind.value})
        unread.update(event.reasons.keys())
        mailed = mailed or any(kind in MAILED_KINDS for kind in event.reasons.values())
    if few:
        _INSERT_ONE.execute_many(connection, few)
    by_added: dict[int, list[str]] = {}
    for person_id, added in unread.items():
        by_added.setdefault(added, []).append(person_id)
    for added, people in by_added.items():
        if len(people) <= FEW:
            _COUNT_UNREAD_ONE.execute_many(connection, [{"person_id": person, "added": added} for person in people])
        else:
            connection.execute(_COUNT_UNREAD_ALL, {"people": people, "added": added})
    return mailed


def store(session: Session, reasons: Mapping[str, Kind], *, topic: str, page_pk: int, comment_id: int,
          actor_id: str | None, count: int = 1) -> None:
    """Write one event now, in the session's transaction (reactions, escalations)."""
    if not reasons:
        return
    fields = {"topic": topic, "page_pk": page_pk, "comment_id": comment_id, "actor_id": actor_id, "count": count,
              "created": utcnow()}
    if write_events(session.connection(), [Event(fields, reasons)]):
        session.info[MAIL_DUE] = True


class Action(StrEnum):
    """What a queued change did to its comment."""

    CREATED = "created"
    ASKED = "asked"  # created as a question
    EDITED = "edited"  # with people it did not mention before


@dataclass(frozen=True)
class Change:
    """A queued comment as the rules read it: what was done (an ``Action``) and the comment as it is now."""

    action: str
    comment_id: int
    page_pk: int
    parent_id: int | None
    author_id: str
    text: str
    html: str
    department: str | None
    visible: bool
    when: dt.datetime  # when the comment was written, or edited last

    @property
    def mentioned(self) -> list[str]:
        """The people the comment mentions now (the renderer linked only known people without a low profile)."""
        return mentioned_in(self.html)


# Every person a batch of new comments concerns besides those they mention, with the rank of their reason (a lower
# one wins): one query for the batch, however many comments, built once.
_REPLY, _OWNER, _FOLLOW = 1, 2, 3
_MENTION = 0
_KINDS = {_MENTION: Kind.MENTION, _REPLY: Kind.REPLY, _OWNER: Kind.OWNER, _FOLLOW: Kind.FOLLOW}
_IN_BATCH = Comment.id.in_(bindparam("comment_ids", expanding=True))
_parent, _author = aliased(Comment), aliased(Person)
_OWNED = PageOwner.page_pk == Comment.page_pk
_CONCERNED = union_all(
    select(Comment.id, _parent.author_id, literal(_REPLY)).join(_parent, _parent.id == Comment.parent_id)
    .where(_IN_BATCH),
    select(Comment.id, Person.id, literal(_OWNER)).join(PageOwner, _OWNED).join(Person, Person.id == PageOwner.owner)
    .where(_IN_BATCH),
    select(Comment.id, Person.id, literal(_OWNER)).join(PageOwner, _OWNED)  # addresses are stored in lower case
    .join(Person, Person.email == func.lower(PageOwner.owner)).where(_IN_BATCH),
    select(Comment.id, GroupMember.person_id, literal(_OWNER)).join(PageOwner, _OWNED)
    .join(GroupMember, GroupMember.group == PageOwner.owner).where(_IN_BATCH),
    select(Comment.id, Follow.person_id, literal(_FOLLOW)).join(Follow, and_(  # the page, by its key (follows.page_key)
        Follow.target_kind == Target.PAGE.value, Follow.target == cast(Comment.page_pk, String))).where(_IN_BATCH),
    select(Comment.id, Follow.person_id, literal(_FOLLOW)).join(HashtagUse, HashtagUse.comment_id == Comment.id)
    .join(Follow, and_(Follow.target_kind == Target.HASHTAG.value, Follow.target == HashtagUse.slug))
    .where(_IN_BATCH),
    select(Comment.id, Follow.person_id, literal(_FOLLOW))
    .join(_author, and_(_author.id == Comment.author_id, _author.low_profile.is_(False)))  # else: no follower
    .join(Follow, and_(Follow.target_kind == Target.PERSON.value, Follow.target == Comment.author_id))
    .where(_IN_BATCH),
)
_NOTIFIED = select(Notification.topic, Notification.person_id).where(
    Notification.topic.in_(bindparam("topics", expanding=True)))

ADDRESSEES: list[Callable[[Session, Change], Mapping[str, Kind]]] = []
"""People a new comment addresses besides those above, added by capability packages (the members of a
department it replies to or mentions: ``departments.services``), each as a mention or a reply."""


def _ranked(into: dict[str, int], person_id: str, rank: int) -> None:
    """Keep the person's strongest reason."""
    if rank < into.get(person_id, rank + 1):
        into[person_id] = rank


def _new_comment_reasons(session: Session, new: Sequence[Change]) -> dict[int, dict[str, Kind]]:
    """Who hears of each new comment, for their strongest reason: mentioned, replied to, owner (by id, e-mail or
    group; a question's owners as such), follower (of the page, a hashtag of the comment, or its author)."""
    ranks: dict[int, dict[str, int]] = {change.comment_id: dict.fromkeys(change.mentioned, _MENTION) for change in new}
    if new:
        for comment_id, person_id, rank in session.connection().execute(
                _CONCERNED, {"comment_ids": list(ranks)}):
            _ranked(ranks[comment_id], person_id, rank)
    reasons: dict[int, dict[str, Kind]] = {}
    for change in new:
        ranked = ranks[change.comment_id]
        for addressees in ADDRESSEES:
            for person_id, kind in addressees(session, change).items():
                _ranked(ranked, person_id, _MENTION if kind is Kind.MENTION else _REPLY)
        ranked.pop(change.author_id, None)
        kinds = {person_id: _KINDS[rank] for person_id, rank in ranked.items()}
        if change.action == Action.ASKED:
            kinds = {person_id: Kind.QUESTION if kind is Kind.OWNER else kind for person_id, kind in kinds.items()}
        reasons[change.comment_id] = kinds
    return reasons


def _edit_reasons(session: Session, edited: Sequence[Change]) -> dict[int, dict[str, Kind]]:
    """An edit tells only the people it mentions (themselves, or a department they are in) who heard nothing of
    the comment yet."""
    if not edited:
        return {}
    heard: dict[str, set[str]] = {}
    topics = list({comment_topic(change.comment_id) for change in edited})
    for topic, person_id in session.connection().execute(_NOTIFIED, {"topics": topics}):
        heard.setdefault(topic, set()).add(person_id)
    reasons: dict[int, dict[str, Kind]] = {}
    for change in edited:
        told = heard.setdefault(comment_topic(change.comment_id), set())
        addressed = {person_id for addressees in ADDRESSEES
                     for person_id, kind in addressees(session, change).items() if kind is Kind.MENTION}
        newly = {person_id: Kind.MENTION for person_id in [*change.mentioned, *sorted(addressed)]
                 if person_id not in told and person_id != change.author_id}
        told.update(newly)  # the same comment edited twice in one batch
        reasons.setdefault(change.comment_id, {}).update(newly)
    return reasons


def events_of(session: Session, changes: Sequence[Change]) -> list[Event]:
    """The events of a batch of queued changes (oldest first); a comment hidden or removed since tells no one."""
    visible = [change for change in changes if change.visible]
    new = [change for change in visible if change.action != Action.EDITED]
    created = _new_comment_reasons(session, new)
    told_anew = {change.comment_id for change in new}  # those read the comment as it is now, edits included
    edited = _edit_reasons(session, [change for change in visible
                                     if change.action == Action.EDITED and change.comment_id not in told_anew])
    events = []
    for change in visible:
        reasons = (edited if change.action == Action.EDITED else created).pop(change.comment_id, None)
        if reasons:
            events.append(Event({
                "topic": comment_topic(change.comment_id), "page_pk": change.page_pk,
                "comment_id": change.comment_id, "created": change.when, "count": 1,
                "actor_id": change.author_id if change.department is None else None,  # a department's writer: unnamed
            }, reasons))
    return events


def on_reaction_written(app: Flask, *, session: Session, comment_id: int | None, page_pk: int, actor_id: str,
                        **_: object) -> None:
    """A reaction to a comment updates its author's one gathered notification: "3 colleagues reacted"."""
    if comment_id is None:
        return
    author_id = session.scalar(select(Comment.author_id).where(Comment.id == comment_id))
    if author_id is None or author_id == actor_id:
        return
    others = session.scalar(select(func.count(func.distinct(Reaction.person_id))).where(
        Reaction.comment_id == comment_id, Reaction.person_id != author_id
    )) or 0
    topic = reactions_topic(comment_id)
    found = session.scalar(select(Notification).where(Notification.person_id == author_id,
                                                      Notification.topic == topic))
    if found is None:
        if others:
            store(session, {author_id: Kind.REACTION}, topic=topic, page_pk=page_pk, comment_id=comment_id,
                  actor_id=actor_id, count=others)
        return
    grew = others > found.count
    found.count = others
    if grew:
        found.actor_id, found.created = actor_id, utcnow()
        if found.read_at is not None:
            found.read_at = None
            _COUNT_UNREAD_ONE.execute(session, {"person_id": author_id, "added": 1})


def init_app(app: Flask) -> None:
    """Gather reactions into their author's notification."""
    reaction_written.connect(on_reaction_written, app, weak=False)
