"""Mailing an announcement once to everyone the service knows, through the job worker.

When an announcement that asks for mail starts, one row per person with an address joins its outbox
(``announcement_mails``, in the transaction that posted or synced it, or in the minute's job for one that starts
later): its primary key (announcement, person) makes a second mail impossible. People who chose never for
announcements are left out, unless the announcement is required. The job claims rows in batches (a random claim
token, ``SKIP LOCKED`` on PostgreSQL, guarded updates everywhere), sends each in its person's language over one
SMTP connection, and marks it sent; a batch whose worker died is taken again after ``STALE``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import time
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr

from flask import Flask
from huey import crontab
from sqlalchemy import exists, insert, literal, or_, select, true, update
from sqlalchemy.orm import Session

from .. import db
from ..clock import utcnow
from ..config import MAIL_LANGUAGES, Settings
from ..identity import settings as current_settings
from ..models import Page, Person
from ..notifications import jobs
from ..notifications.mail.compose import mail_domain
from ..notifications.mail.render import render
from ..notifications.mail.senders import Sender, sender_for
from ..notifications.mail.smtp import Deferred, Refused, Unavailable
from ..notifications.models import Delivery, Kind, Preference
from ..notifications.unsubscribe import unsubscribe_url
from .board import address
from .models import Announcement, AnnouncementMail, MailState
from .strings import STRINGS

log = logging.getLogger(__name__)

BATCH = 500
"""Mails a worker claims at once."""
STALE = dt.timedelta(minutes=15)
"""A batch still ``sending`` this long after its claim lost its worker."""
RUN_SECONDS = 50.0
"""A run stops claiming after this long, so the minute's runs do not pile up."""

_WANTS_NO_MAIL = exists().where(
    Preference.person_id == Person.id, Preference.kind == Kind.ANNOUNCEMENT.value,
    Preference.delivery == Delivery.NEVER.value,
)


def queue_due(session: Session, now: dt.datetime) -> int:
    """Put the mails of every started announcement that asks for them into the outbox, once; how many."""
    due = list(session.scalars(select(Announcement.id).where(
        Announcement.mail.is_(True), Announcement.mail_queued.is_(None), Announcement.ended.is_(None),
        Announcement.starts <= now, or_(Announcement.until.is_(None), Announcement.until > now))))
    queued = 0
    for announcement_id in due:
        took = db.rows_changed(session, update(Announcement).where(
            Announcement.id == announcement_id, Announcement.mail_queued.is_(None)).values(mail_queued=now))
        if not took:
            continue  # another worker queued it
        required = session.scalar(select(Announcement.required).where(Announcement.id == announcement_id))
        wanted = true() if required else ~_WANTS_NO_MAIL
        queued += db.rows_changed(session, insert(AnnouncementMail).from_select(
            ["announcement_id", "person_id", "state"],
            select(literal(announcement_id), Person.id, literal(MailState.WAITING.value))
            .where(Person.email.is_not(None), wanted),
        ))
    return queued


def _claim(session: Session, now: dt.datetime) -> str | None:
    """Take a batch of waiting mails (the caller commits); its claim token, or ``None`` when none waits."""
    rows = session.execute(
        select(AnnouncementMail.announcement_id, AnnouncementMail.person_id)
        .where(AnnouncementMail.state == MailState.WAITING.value)
        .order_by(AnnouncementMail.announcement_id, AnnouncementMail.person_id)
        .limit(BATCH).with_for_update(skip_locked=True)
    ).all()
    if not rows:
        return None
    token = secrets.token_hex(16)
    for announcement_id in {row.announcement_id for row in rows}:
        people = [row.person_id for row in rows if row.announcement_id == announcement_id]
        session.execute(update(AnnouncementMail).where(
            AnnouncementMail.announcement_id == announcement_id, AnnouncementMail.person_id.in_(people),
            AnnouncementMail.state == MailState.WAITING.value,
        ).values(state=MailState.SENDING.value, claim=token, mailed_at=now))
    return token


def _release_stale(session: Session, now: dt.datetime) -> None:
    """Batches whose worker died wait again (a mail of such a batch may go twice: the one that was in flight)."""
    session.execute(update(AnnouncementMail).where(
        AnnouncementMail.state == MailState.SENDING.value, AnnouncementMail.mailed_at < now - STALE,
    ).values(state=MailState.WAITING.value, claim=None))


def language_of(person_language: str | None, config: Settings) -> str:
    """The person's mail language (``nl-BE`` counts as ``nl``), else the site's."""
    chosen = (person_language or "")[:2].lower()
    return chosen if chosen in MAIL_LANGUAGES else config.mail.language


def message_id(announcement_id: int, person_id: str, domain: str) -> str:
    """The same Message-ID whenever this person's mail of this announcement is made."""
    digest = hashlib.blake2b(person_id.encode(), digest_size=10).hexdigest()
    return f"<plein.announcement.{announcement_id}.{digest}@{domain}>"


def compose(config: Settings, announcement: Announcement, page_url: str | None, person: Person,
            now: dt.datetime) -> Message:
    """One person's mail of an announcement, in their language; a required one offers the settings page
    instead of an unsubscribe link, since it cannot be turned off.

    Built with the email package's classic classes: ten thousand mails of one announcement made with
    ``EmailMessage`` spent 12 ms each parsing and folding headers, these 0.5 ms."""
    language = language_of(person.language, config)
    words = STRINGS[language]
    link = f"{config.mail_origin}{address(config.site_root, announcement.id, page_url)}"
    subject = words["mail.subject_required" if announcement.required else "mail.subject"].format(
        title=announcement.title)
    if announcement.required:
        leave_url, leave = f"{config.mail_origin}{config.site_root}me/", words["mail.settings"]
    else:
        leave_url, leave = unsubscribe_url(config, person.id, [Kind.ANNOUNCEMENT.value]), words["mail.unsubscribe"]
    context = {
        "language": language, "subject": subject, "intro": words["mail.intro"],
        "items": [{"sentence": announcement.title, "excerpt": announcement.body or "", "url": link}],
        "more": "", "open": words["mail.open"],
        "why": words["mail.why_required" if announcement.required else "mail.why"],
        "unsubscribe": leave, "unsubscribe_url": leave_url,
    }
    message = MIMEMultipart("alternative")
    message["From"] = config.mail.sender
    message["To"] = formataddr((person.name, person.email or ""), charset="utf-8")
    message["Subject"] = Header(subject, "utf-8")  # type: ignore[assignment]  # email takes a Header: encoded words
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(announcement.id, person.id, mail_domain(config))
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = language
    if not announcement.required:
        message["List-Unsubscribe"] = f"<{leave_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.attach(MIMEText(render("mail.txt", **context), "plain", "utf-8"))
    message.attach(MIMEText(render("mail.html", **context), "html", "utf-8"))
    return message


def _settle(session: Session, token: str, people: dict[int, list[str]], state: MailState) -> None:
    now = utcnow()
    for announcement_id, ids in people.items():
        if ids:
            session.execute(update(AnnouncementMail).where(
                AnnouncementMail.claim == token, AnnouncementMail.announcement_id == announcement_id,
                AnnouncementMail.person_id.in_(ids)).values(state=state.value, mailed_at=now))


def send_batch(mailer: Sender, config: Settings, token: str) -> int:
    """Send a claimed batch and mark what the server took; returns the mails sent. Raises :class:`Unavailable`
    after putting the rest of the batch back."""
    session = db.session()
    rows = session.execute(
        select(Announcement, Page.url, Person)
        .join(AnnouncementMail, AnnouncementMail.announcement_id == Announcement.id)
        .join(Person, Person.id == AnnouncementMail.person_id)
        .outerjoin(Page, Page.pk == Announcement.page_pk)
        .where(AnnouncementMail.claim == token, AnnouncementMail.state == MailState.SENDING.value)
    ).all()
    session.expunge_all()
    session.commit()
    sent: dict[int, list[str]] = {}
    dropped: dict[int, list[str]] = {}
    waiting: dict[int, list[str]] = {}
    failure: Unavailable | None = None
    for announcement, page_url, person in rows:
        outcome = dropped
        if failure is None and person.email and announcement.mail and not announcement.ended:  # still wanted
            try:
                mailer.send(compose(config, announcement, page_url, person, utcnow()))
                outcome = sent
            except Refused as error:
                log.warning("announcement %s to %s refused for good: %s", announcement.id, person.id, error)
            except Deferred:
                outcome = waiting
            except Unavailable as error:
                failure, outcome = error, waiting
        elif failure is not None:
            outcome = waiting
        outcome.setdefault(announcement.id, []).append(person.id)
    with db.transaction() as session:
        _settle(session, token, sent, MailState.SENT)
        _settle(session, token, dropped, MailState.NONE)
        for announcement_id, ids in waiting.items():
            session.execute(update(AnnouncementMail).where(
                AnnouncementMail.claim == token, AnnouncementMail.announcement_id == announcement_id,
                AnnouncementMail.person_id.in_(ids)).values(state=MailState.WAITING.value, claim=None))
    if failure is not None:
        raise failure
    return sum(len(ids) for ids in sent.values())


def run(mailer: Sender | None) -> int:
    """One run: queue what started, then (with a mailer) send batches until none waits or the run is long;
    returns the mails sent."""
    now = utcnow()
    with db.transaction() as session:
        queue_due(session, now)
        _release_stale(session, now)
    if mailer is None:
        return 0
    config = current_settings()
    sent = 0
    began = time.monotonic()
    try:
        while time.monotonic() - began < RUN_SECONDS:
            with db.transaction() as session:
                token = _claim(session, utcnow())
            if token is None:
                break
            sent += send_batch(mailer, config, token)
    except Unavailable as error:
        log.warning("the SMTP server cannot take mail now (%s); announcements wait for the next run", error)
    return sent


@jobs.periodic("announcement_mail", crontab())
def mail_announcements(app: Flask) -> None:
    """Every minute in the job worker (in the app's context): queue and send announcement mails."""
    sender = sender_for(app.extensions["plein"].mail)
    if sender is None:
        run(None)
        return
    with sender:
        run(sender)

