"""One mail about one or more notifications: in the person's language, HTML with a plain-text part.

Its Message-ID is derived from the notifications it carries (and whether it is a digest), so a mail sent again
after a crash has the same one and the receiving side can tell it is the same mail. Every mail offers the
RFC 8058 one-click unsubscribe for the kinds it carries, with a signed link that needs no login.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from urllib.parse import urlsplit

from ...config import MAIL_LANGUAGES, Settings
from ...services.pages import permalink, site_address
from ..unsubscribe import unsubscribe_url
from .render import render
from .texts import kinds_phrase, text

LISTED_MAX = 50
"""Notifications a mail lists one by one; it counts the rest."""


@dataclass(frozen=True)
class Recipient:
    """Who a mail goes to."""

    id: str
    name: str
    email: str
    language: str | None


@dataclass(frozen=True)
class Item:
    """One notification as a mail shows it."""

    notification_id: int
    kind: str
    actor: str | None
    page_title: str
    url: str  # to the comment in its page (``comment_url``)
    excerpt: str


def comment_url(settings: Settings, page_url: str, comment_id: int) -> str:
    """The address of a comment in its page: absolute, or relative to the site for mail kept on it
    (``Settings.mail_origin``)."""
    return f"{settings.mail_origin}{permalink(site_address(settings.site_root, page_url), comment_id)}"


def language_of(recipient: Recipient, settings: Settings) -> str:
    """The person's mail language (``nl-BE`` counts as ``nl``), else the site's."""
    chosen = (recipient.language or "")[:2].lower()
    return chosen if chosen in MAIL_LANGUAGES else settings.mail.language


def mail_domain(settings: Settings) -> str:
    """The domain of Message-IDs: the sender's, else the site's host."""
    address = parseaddr(settings.mail.sender)[1]
    return address.rpartition("@")[2] or urlsplit(settings.site_url).hostname or "localhost"


def make_message_id(person_id: str, notification_ids: Sequence[int], *, digest: bool, domain: str) -> str:
    """The Message-ID of the mail that carries exactly these notifications to this person."""
    ids = sorted(notification_ids)
    digest_of = hashlib.blake2b(f"{person_id}\x00{','.join(map(str, ids))}".encode(), digest_size=10).hexdigest()
    return f"<plein.{'digest' if digest else 'instant'}.{ids[0]}.{digest_of}@{domain}>"


def is_digest(message_id: str) -> bool:
    """Whether a Message-ID made by :func:`make_message_id` is a digest's."""
    return message_id.startswith("<plein.digest.")


def compose(recipient: Recipient, items: Sequence[Item], *, digest: bool, message_id: str, settings: Settings,
            now: dt.datetime) -> EmailMessage:
    """The mail carrying ``items`` (newest first) to ``recipient``."""
    language = language_of(recipient, settings)
    someone = text(language, "someone")
    sentences = [text(language, f"item.{item.kind}", actor=item.actor or someone, page=item.page_title)
                 for item in items]
    kinds = sorted({item.kind for item in items})
    if digest:
        subject = text(language, "subject.digest", count=len(items))
    else:
        subject = sentences[0] if len(items) == 1 else text(language, "subject.many", count=len(items))
    phrase = kinds_phrase(language, kinds)
    link = unsubscribe_url(settings, recipient.id, kinds)
    context = {
        "language": language,
        "subject": subject,
        "intro": text(language, "intro.digest" if digest else "intro.instant"),
        "items": [{"sentence": sentence, "excerpt": item.excerpt, "url": item.url}
                  for sentence, item in zip(sentences[:LISTED_MAX], items[:LISTED_MAX])],
        "more": text(language, "more", count=len(items) - LISTED_MAX) if len(items) > LISTED_MAX else "",
        "open": text(language, "open"),
        "why": text(language, "why", kinds=phrase),
        "unsubscribe": text(language, "unsubscribe", kinds=phrase),
        "unsubscribe_url": link,
    }
    message = EmailMessage()
    message["From"] = settings.mail.sender
    message["To"] = formataddr((recipient.name, recipient.email))
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to this
    message["List-Unsubscribe"] = f"<{link}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(render("mail.txt", **context))
    message.add_alternative(render("mail.html", **context), subtype="html")
    message["Content-Language"] = language  # after the parts: making them moves Content-* headers into the first
    return message
