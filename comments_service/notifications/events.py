"""The rules: which people a change concerns, and the notification rows it gives them.

Runs inside the change's own transaction (through the ``comment_written`` and ``reaction_written`` signals),
so the rows commit or roll back with the change. One event gives a person one row, for the strongest reason
that applies (a mention, then a reply to them, then a page they own, then something they follow), and the
person who acted hears nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import Flask
from sqlalchemy import ColumnElement, Insert, Update, bindparam, func, insert, literal, select, union_all, update
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..models import Comment, GroupMember, HashtagUse, PageOwner, Person, Reaction
from ..services.comments import Written
from ..signals import comment_written, reaction_written
from .follows import Target, page_key
from .models import Follow, Kind, Notification
from .preferences import MAILED_KINDS, mail_state_of

QUESTION_ASKED = "plein.notifications.question_asked"
"""``Session.info`` key: the id of the comment this write posted as a question; its page's owners hear of it as a
question (``Kind.QUESTION``), not as a comment."""
MAIL_DUE = "plein.notifications.mail_due"
"""``Session.info`` key: this request's write notified someone of a kind that is mailed, so mail may be due at once
(the job queue is asked after the commit; the run it asks for finds whether any is)."""
_STORED = ("topic", "kind", "page_pk", "comment_id", "actor_id", "count", "created")
"""A new notification's columns given as parameters; its person and its mail state come from ``people``."""
FEW = 20
"""Up to this many people an event's rows are written person by person, by statements of a fixed text; more (the
followers of a page) by one statement for all of a kind. A list parameter makes SQLAlchemy render the statement
anew at every run, which cost a mention's write more than the insert itself; per person, a fan-out to 10,000
followers took four times as long."""


def _insert(people: ColumnElement[bool]) -> Insert:
    """The rows of one kind for ``people``, each with the mail its person's address and choices ask for, read by
    the insert itself (where reading the choices first took one more statement for every write that notifies)."""
    return insert(Notification).from_select(
        ["person_id", *_STORED, "mail_state"],
        select(
            Person.id, *(bindparam(name, type_=Notification.__table__.c[name].type) for name in _STORED),
            mail_state_of(bindparam("kind", type_=Notification.kind.type)),
        ).where(people),
    )


def _count_unread(people: ColumnElement[bool]) -> Update:
    """One more unread notification for each of ``people`` (the bell reads the count, not the rows)."""
    return update(Person).where(people).values(unread=Person.unread + 1)


# Built once, for a few people (one run per person) and for many (one run for all).
_ONE = Person.id == bindparam("person_id")
_ALL = Person.id.in_(bindparam("people", expanding=True))
_INSERT_ONE, _INSERT_ALL = _insert(_ONE), _insert(_ALL)
_COUNT_UNREAD_ONE, _COUNT_UNREAD_ALL = _count_unread(_ONE), _count_unread(_ALL)


def comment_topic(comment_id: int) -> str:
    """The event of a comment being written, for everyone it concerns."""
    return f"comment:{comment_id}"


def reactions_topic(comment_id: int) -> str:
    """The reactions to a comment, gathered into one notification for its author."""
    return f"reactions:{comment_id}"


# Built once, run through Core (a statement built per write cost more CPU than the write's own inserts): every
# person a new comment concerns besides those it mentions, with the rank of their reason (a lower one wins).
_REPLY, _OWNER, _FOLLOW = 1, 2, 3
_OWNER_NAMES = select(PageOwner.owner).where(PageOwner.page_pk == bindparam("page_pk"))
_CONCERNED = union_all(
    select(Comment.author_id, literal(_REPLY)).where(Comment.id == bindparam("parent_id")),
    select(Person.id, literal(_OWNER)).where(Person.id.in_(_OWNER_NAMES)),
    select(Person.id, literal(_OWNER)).where(Person.email.in_(  # addresses are stored in lower case
        select(func.lower(PageOwner.owner)).where(PageOwner.page_pk == bindparam("page_pk")))),
    select(GroupMember.person_id, literal(_OWNER)).where(GroupMember.group.in_(_OWNER_NAMES)),
    select(Follow.person_id, literal(_FOLLOW)).where(
        Follow.target_kind == Target.PAGE.value, Follow.target == bindparam("page_key")),
    select(Follow.person_id, literal(_FOLLOW)).where(  # the comment's hashtags, as it stored them just now
        Follow.target_kind == Target.HASHTAG.value,
        Follow.target.in_(select(HashtagUse.slug).where(HashtagUse.comment_id == bindparam("comment_id")))),
    select(Follow.person_id, literal(_FOLLOW)).join(Person, Person.id == Follow.target).where(
        Follow.target_kind == Target.PERSON.value, Follow.target == bindparam("author_id"),
        Person.low_profile.is_(False)),  # a low-profile author's comments reach no follower
)
_KINDS = {_REPLY: Kind.REPLY, _OWNER: Kind.OWNER, _FOLLOW: Kind.FOLLOW}
_MENTION = 0
ADDRESSEES: list[Callable[[Session, Written], Mapping[str, Kind]]] = []
"""People a new comment addresses besides those above, added by capability packages (the members of a
department it replies to or mentions: ``departments.services``), each as a mention or a reply."""


def recipients_of_new_comment(session: Session, written: Written) -> dict[str, Kind]:
    """Who hears of a new comment, each for their strongest reason: mentioned, replied to, owner (by id, e-mail
    or group), follower (of the page, a hashtag of the comment, or its author)."""
    row = written.row
    ranks = dict.fromkeys(written.mentioned, 0)
    for person_id, rank in session.connection().execute(_CONCERNED, {
        "parent_id": row.parent_id, "page_pk": written.page.pk, "page_key": page_key(written.page.pk),
        "comment_id": row.id, "author_id": row.author_id,
    }):
        if rank < ranks.get(person_id, rank + 1):
            ranks[person_id] = rank
    for addressees in ADDRESSEES:
        for person_id, kind in addressees(session, written).items():
            rank = _MENTION if kind is Kind.MENTION else _REPLY
            if rank < ranks.get(person_id, rank + 1):
                ranks[person_id] = rank
    ranks.pop(row.author_id, None)
    return {person_id: _KINDS.get(rank, Kind.MENTION) for person_id, rank in ranks.items()}


def store(session: Session, reasons: Mapping[str, Kind], *, topic: str, page_pk: int, comment_id: int,
          actor_id: str | None, count: int = 1) -> None:
    """Write one row per person, with the mail each one's preferences ask for, and count it unread (``FEW``)."""
    if not reasons:
        return
    if any(kind in MAILED_KINDS for kind in reasons.values()):
        session.info[MAIL_DUE] = True
    shared = {"topic": topic, "page_pk": page_pk, "comment_id": comment_id, "actor_id": actor_id, "count": count,
              "created": utcnow()}
    connection = session.connection()
    if len(reasons) <= FEW:
        connection.execute(_INSERT_ONE, [{**shared, "person_id": person_id, "kind": kind.value}
                                         for person_id, kind in reasons.items()])
        connection.execute(_COUNT_UNREAD_ONE, [{"person_id": person_id} for person_id in reasons])
        return
    by_kind: dict[Kind, list[str]] = {}
    for person_id, kind in reasons.items():
        by_kind.setdefault(kind, []).append(person_id)
    for kind, people in by_kind.items():
        connection.execute(_INSERT_ALL, {**shared, "people": people, "kind": kind.value})
    connection.execute(_COUNT_UNREAD_ALL, {"people": list(reasons)})


def on_comment_written(app: Flask, *, session: Session, action: str, written: Written, **_: object) -> None:
    """A new comment notifies everyone it concerns; an edit only the people it newly mentions."""
    row = written.row
    if action == "created":
        reasons = recipients_of_new_comment(session, written)
        if session.info.get(QUESTION_ASKED) == row.id:
            reasons = {person_id: Kind.QUESTION if kind is Kind.OWNER else kind for person_id, kind in reasons.items()}
    elif action == "edited" and written.mentioned:
        already = set(session.scalars(select(Notification.person_id).where(
            Notification.topic == comment_topic(row.id), Notification.person_id.in_(written.mentioned)
        )))
        reasons = {person_id: Kind.MENTION for person_id in written.mentioned
                   if person_id not in already and person_id != row.author_id}
    else:
        return
    store(session, reasons, topic=comment_topic(row.id), page_pk=written.page.pk, comment_id=row.id,
          actor_id=row.author_id if row.department is None else None)  # a department's writer stays unnamed


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
            session.execute(_COUNT_UNREAD_ONE, {"person_id": author_id})


def init_app(app: Flask) -> None:
    """Listen to the service's changes."""
    comment_written.connect(on_comment_written, app, weak=False)
    reaction_written.connect(on_reaction_written, app, weak=False)
