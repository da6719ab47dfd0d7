"""The outbox worked through: which waiting notifications are due, claimed as one mail, sent, marked sent.

Rules: notifications a person wants at once go out gathered, at most one mail per ``GATHER`` (their
``MailSchedule.last_instant``); daily and weekly ones wait for the digest moment (``schedule``) and go only if
the person has not seen them: not read in the page and not older than their last visit (Discourse's rule). A
notification nobody will mail (delivery now never, no address, read, its comment hidden or removed) leaves the
outbox. Each mail is claimed in its own transaction before it is sent: its rows become ``sending`` with the
mail's Message-ID, under guards (``UPDATE ... WHERE mail_state IN (waiting)`` and a guarded update of the
person's schedule; ``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL), so of several workers exactly one takes
each mail. After the server accepted it the rows become ``sent``; if the server is unreachable they wait again.

The guarantee: a mail accepted by the SMTP server is never sent again, unless its worker died between the
server's acceptance and the commit that marks it sent; then, ``STALE`` later, that one mail is sent again with
the same Message-ID. A worker has one mail in flight at a time, so a killed worker repeats at most one mail.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, or_, select, update
from sqlalchemy.orm import Session, aliased

from ... import db
from ...clock import utcnow
from ...config import Settings
from ...people.names import listed_name
from ...identity import settings as current_settings
from ...models import Comment, CommentState, Page, Person
from ...rendering.excerpt import excerpt
from ..models import Delivery, MailSchedule, MailState, Notification
from ..preferences import delivery_of
from .compose import Item, Recipient, comment_url, compose, is_digest, mail_domain, make_message_id
from .schedule import DigestMoments, digest_moments
from .senders import Sender
from .smtp import Deferred, Refused, Unavailable

log = logging.getLogger(__name__)

GATHER = dt.timedelta(minutes=10)
"""At most one mail at once per person in this time; what comes meanwhile waits and goes in the next."""
MAIL_EXCERPT_MAX = 280
"""Characters a mail quotes of a comment: more than a list, as the mail is read without the page."""
STALE = dt.timedelta(minutes=15)
"""A mail still ``sending`` this long after its claim lost its worker (an SMTP exchange times out long before)."""
PEOPLE_PER_RUN = 1000
"""Each kind of mail a run sends to at most this many people; the rest go in the next run."""
WAITING = (MailState.INSTANT.value, MailState.DIGEST.value)
AT_ONCE = (MailState.INSTANT.value,)
"""What a run asked for by a write looks at: rows stored as mail at once. The outbox also holds every follower's
digest rows, which wait for the day's moment; reading them all every second under a write load cost the job
worker more than the mails. The minute's run looks at every waiting row (a person who chose mail at once since)."""
DIGESTS = (Delivery.DAILY.value, Delivery.WEEKLY.value)


def delivery_now() -> ColumnElement[str]:
    """A notification's delivery as its person wants it now: their choice for its kind, else the default."""
    return delivery_of(Notification.person_id, Notification.kind)


def _digest_due(delivery: ColumnElement[str], moments: DigestMoments) -> ColumnElement[bool]:
    return or_(and_(delivery == Delivery.DAILY.value, Notification.created < moments.daily),
               and_(delivery == Delivery.WEEKLY.value, Notification.created < moments.weekly))


def _due(digest: bool, moments: DigestMoments) -> ColumnElement[bool]:
    """Which waiting rows a mail of this sort carries."""
    delivery = delivery_now()
    return _digest_due(delivery, moments) if digest else delivery == Delivery.INSTANT.value


def _schedule_free(digest: bool, now: dt.datetime, moments: DigestMoments) -> ColumnElement[bool]:
    """The person may get this sort of mail now: no digest since the latest digest moment, or no mail at once
    in the last ``GATHER``."""
    if digest:
        return or_(MailSchedule.last_digest.is_(None), MailSchedule.last_digest < moments.daily)
    return or_(MailSchedule.last_instant.is_(None), MailSchedule.last_instant <= now - GATHER)


def drop_unmailable(session: Session, waiting: tuple[str, ...] = WAITING, people: list[str] | None = None) -> int:
    """Take out of the outbox what will never be mailed, of the rows in a ``waiting`` state (of ``people`` only,
    when given); returns how many.

    The rows are found by a read first and updated by id only when there are any: an UPDATE that scans the
    outbox would hold the database's write lock (SQLite has one) for the whole scan, once a second under load.
    """
    if people is not None and not people:
        return 0
    person = select(Person.email, Person.last_seen).where(Person.id == Notification.person_id)
    address = person.with_only_columns(Person.email).scalar_subquery()
    last_seen = person.with_only_columns(Person.last_seen).scalar_subquery()
    visible = exists().where(Comment.id == Notification.comment_id, Comment.state == CommentState.VISIBLE.value)
    delivery = delivery_now()
    unmailable = or_(
        delivery == Delivery.NEVER.value, address.is_(None), Notification.read_at.is_not(None), ~visible,
        and_(delivery.in_(DIGESTS), Notification.created <= last_seen),  # seen on a visit since
    )
    rows = select(Notification.id).where(Notification.mail_state.in_(waiting), unmailable)
    if people is not None:
        rows = rows.where(Notification.person_id.in_(people))
    ids = list(session.scalars(rows))
    if not ids:
        return 0
    dropped = (
        update(Notification).where(Notification.id.in_(ids), Notification.mail_state.in_(waiting))
        .values(mail_state=MailState.NONE.value).execution_options(synchronize_session=False)
    )
    return db.rows_changed(session, dropped)


def due_people(session: Session, digest: bool, now: dt.datetime, moments: DigestMoments,
               waiting: tuple[str, ...] = WAITING) -> list[str]:
    """People who have a mail of this sort due, of the rows in a ``waiting`` state."""
    return list(session.scalars(
        select(Notification.person_id).distinct()
        .outerjoin(MailSchedule, MailSchedule.person_id == Notification.person_id)
        .where(Notification.mail_state.in_(waiting), _due(digest, moments), _schedule_free(digest, now, moments))
        .order_by(Notification.person_id).limit(PEOPLE_PER_RUN)
    ))


@dataclass(frozen=True)
class Claim:
    """A mail a worker took: its rows are ``sending`` with ``message_id``; ``previous`` undoes the claim."""

    person_id: str
    message_id: str
    previous: dt.datetime | None  # the schedule's mark before (a resend: the stale claim time)
    resend: bool


def _ensure_schedule(session: Session, person_id: str) -> None:
    """The person's schedule row, so a guarded update of it can be the claim's lock."""
    upsert = db.insert_of(session)
    session.execute(upsert(MailSchedule).values(person_id=person_id).on_conflict_do_nothing())


def claim(session: Session, settings: Settings, person_id: str, *, digest: bool, now: dt.datetime,
          moments: DigestMoments, waiting: tuple[str, ...] = WAITING) -> Claim | None:
    """Take the person's due rows in a ``waiting`` state as one mail (the caller commits), or ``None`` if none is
    due or another worker took it."""
    ids = list(session.scalars(
        select(Notification.id).where(Notification.person_id == person_id, Notification.mail_state.in_(waiting),
                                      _due(digest, moments))
        .order_by(Notification.id).with_for_update(skip_locked=True)
    ))
    if not ids:
        return None
    _ensure_schedule(session, person_id)
    mark = MailSchedule.last_digest if digest else MailSchedule.last_instant
    previous = session.scalar(select(mark).where(MailSchedule.person_id == person_id))
    took = db.rows_changed(session, update(MailSchedule).where(
        MailSchedule.person_id == person_id, _schedule_free(digest, now, moments)
    ).values({mark: now}))
    if took != 1:
        return None
    message_id = make_message_id(person_id, ids, digest=digest, domain=mail_domain(settings))
    claimed = db.rows_changed(session, update(Notification).where(
        Notification.id.in_(ids), Notification.mail_state.in_(WAITING)
    ).values(mail_state=MailState.SENDING.value, message_id=message_id, mailed_at=now))
    return Claim(person_id, message_id, previous, resend=False) if claimed == len(ids) else None


def stale_mails(session: Session, now: dt.datetime) -> list[str]:
    """Message-IDs of mails whose worker died while sending them."""
    return list(session.scalars(
        select(Notification.message_id).distinct()
        .where(Notification.mail_state == MailState.SENDING.value, Notification.mailed_at < now - STALE)
        .limit(PEOPLE_PER_RUN)
    ))


def reclaim(session: Session, message_id: str, now: dt.datetime) -> Claim | None:
    """Take over a stale mail, to send it again as it was (the caller commits); ``None`` if another worker did."""
    stale = and_(Notification.message_id == message_id, Notification.mail_state == MailState.SENDING.value,
                 Notification.mailed_at < now - STALE)
    found = session.execute(select(Notification.person_id, Notification.mailed_at).where(stale).limit(1)).first()
    if found is None:
        return None
    if not db.rows_changed(session, update(Notification).where(stale).values(mailed_at=now)):
        return None
    return Claim(found.person_id, message_id, found.mailed_at, resend=True)


def _recipient(session: Session, person_id: str) -> Recipient:
    person = session.get_one(Person, person_id)
    return Recipient(person.id, person.name, person.email or "", person.language)


def _items(session: Session, settings: Settings, message_id: str) -> list[Item]:
    actor = aliased(Person)
    rows = session.execute(
        select(Notification.id, Notification.kind, listed_name(actor), Page.title, Page.url, Comment.id, Comment.html)
        .join(Page, Page.pk == Notification.page_pk)
        .join(Comment, Comment.id == Notification.comment_id)
        .outerjoin(actor, actor.id == Notification.actor_id)
        .where(Notification.message_id == message_id, Notification.mail_state == MailState.SENDING.value)
        .order_by(Notification.created.desc(), Notification.id.desc())
    )
    return [Item(id_, kind, actor_name, title, comment_url(settings, url, comment_id),
                 excerpt(comment_html, MAIL_EXCERPT_MAX))
            for id_, kind, actor_name, title, url, comment_id, comment_html in rows]


def _settle(session: Session, taken: Claim, state: MailState, now: dt.datetime) -> None:
    """The mail's rows leave ``sending``: sent, or given up (a permanent refusal)."""
    session.execute(update(Notification).where(
        Notification.message_id == taken.message_id, Notification.mail_state == MailState.SENDING.value
    ).values(mail_state=state.value, mailed_at=now))


def _release(session: Session, taken: Claim) -> None:
    """Undo a claim whose mail the server could not take now: the rows wait again, the schedule as it was."""
    digest = is_digest(taken.message_id)
    rows = update(Notification).where(Notification.message_id == taken.message_id,
                                      Notification.mail_state == MailState.SENDING.value)
    if taken.resend:
        session.execute(rows.values(mailed_at=taken.previous))
        return
    session.execute(rows.values(mail_state=(MailState.DIGEST if digest else MailState.INSTANT).value,
                                message_id=None, mailed_at=None))
    mark = MailSchedule.last_digest if digest else MailSchedule.last_instant
    session.execute(update(MailSchedule).where(MailSchedule.person_id == taken.person_id)
                    .values({mark: taken.previous}))


def _taken(work: Callable[[Session], Claim | None]) -> Claim | None:
    """Run a claim in a transaction of its own: committed when it took a mail, else rolled back."""
    session = db.session()
    try:
        taken = work(session)
    except BaseException:
        session.rollback()
        raise
    if taken is None:
        session.rollback()
    else:
        session.commit()
    return taken


def send_claimed(mailer: Sender, settings: Settings, taken: Claim) -> bool:
    """Compose and send a claimed mail, then mark it; ``False`` if it waits again or was given up. Raises
    :class:`Unavailable` (after releasing the claim) when the server takes no mail now."""
    session = db.session()
    items = _items(session, settings, taken.message_id)
    recipient = _recipient(session, taken.person_id)
    session.commit()
    message = compose(recipient, items, digest=is_digest(taken.message_id), message_id=taken.message_id,
                      settings=settings, now=utcnow())
    try:
        mailer.send(message)
    except (Unavailable, Deferred) as error:
        with db.transaction() as session:
            _release(session, taken)
        if isinstance(error, Unavailable):
            raise
        log.info("mail %s to %s deferred: %s", taken.message_id, taken.person_id, error)
        return False
    except Refused as error:
        log.warning("mail %s to %s refused for good: %s", taken.message_id, taken.person_id, error)
        state = MailState.NONE
    else:
        state = MailState.SENT
    with db.transaction() as session:
        _settle(session, taken, state, utcnow())
    return state is MailState.SENT


def deliver(mailer: Sender, *, at_once_only: bool = False) -> int:
    """One run over the outbox in the app context: stale mails again, then mails at once, then digests (not with
    ``at_once_only``: a run a write asked for, which looks at the rows stored as mail at once only, ``AT_ONCE``).
    Returns the mails sent; when the SMTP server is unreachable the rest waits for the next run.

    Before a person's mail is claimed, what of theirs will never be mailed leaves the outbox (read meanwhile,
    hidden, no address). A run a write asked for looks only at the people due now: under a stream of mentions
    one person's gathered rows wait ten minutes, and checking every waiting row at each of several runs a second
    grew with the outbox (10 ms a run at 3,000 rows, against 3 ms now). The minute's run sweeps the whole outbox
    (people who chose never since, whom no run finds due).
    """
    settings = current_settings()
    now = utcnow()
    moments = digest_moments(now, settings.mail.digest_hour, settings.mail.timezone)
    waiting = AT_ONCE if at_once_only else WAITING
    if not at_once_only:
        with db.transaction() as session:
            drop_unmailable(session, waiting)
    sent = 0
    try:
        for message_id in stale_mails(db.session(), now):
            taken = _taken(lambda session: reclaim(session, message_id, now))
            sent += bool(taken and send_claimed(mailer, settings, taken))
        for digest in (False,) if at_once_only else (False, True):
            due = due_people(db.session(), digest, now, moments, waiting)
            with db.transaction() as session:
                drop_unmailable(session, waiting, due)
            for person_id in due:
                taken = _taken(lambda session: claim(session, settings, person_id, digest=digest, now=now,
                                                     moments=moments, waiting=waiting))
                sent += bool(taken and send_claimed(mailer, settings, taken))
    except Unavailable as error:
        log.warning("the SMTP server cannot take mail now (%s); it waits for the next run", error)
    return sent
