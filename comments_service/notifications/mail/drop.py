"""Mail kept in a folder instead of sent (``PLEIN_MAIL_DROP``): for demos and trials without an SMTP server.

Everything before the hand-off runs as with a server (who gets what, gathering, digests, Message-IDs, unsubscribe
links), so what lands here is what a server would have got. The folder is a Maildir (the standard library's
``mailbox``): each mail is written under ``tmp/`` and renamed into ``new/``, so the job worker and the pages that
read it back never see half a mail. ``me/mail/`` shows each signed-in reader the mail addressed to them.
"""

from __future__ import annotations

import datetime as dt
import mailbox
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from .smtp import Unavailable

MAILDIR_PARTS = ("tmp", "new", "cur")
"""A Maildir's folders: mail is written in ``tmp``, then renamed into ``new`` (``cur``: read by a mail program)."""


class MailDrop:
    """Sends into the Maildir at ``folder`` (made when missing, also in an existing empty folder); the same calls
    as :class:`smtp.Mailer`."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def send(self, message: Message) -> None:
        """Keep ``message``; raises :class:`Unavailable` when the folder cannot take it (the mail waits)."""
        try:
            for part in MAILDIR_PARTS:  # mailbox makes them only for a folder that does not exist yet
                (self._folder / part).mkdir(parents=True, exist_ok=True)
            mailbox.Maildir(self._folder, create=False).add(message)
        except OSError as error:
            raise Unavailable(f"the mail drop {self._folder} cannot take mail: {error}") from error

    def close(self) -> None:
        """Nothing stays open between mails."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


@dataclass(frozen=True)
class DroppedMail:
    """A kept mail as ``me/mail/`` shows it."""

    subject: str
    sender: str
    sent: dt.datetime | None
    html: str | None
    text: str | None
    attachments: tuple[str, ...]


def _parsed(path: Path) -> EmailMessage | None:
    """The mail in ``path``, or ``None`` when it is gone (a Maildir may be emptied while it is read)."""
    try:
        with path.open("rb") as file:
            return BytesParser(policy=policy.default).parse(file)  # type: ignore[return-value]
    except FileNotFoundError:
        return None


def _shown(message: EmailMessage) -> DroppedMail:
    """What the page shows of ``message``: its headers, both parts and the names of its attachments."""
    html, text = message.get_body(("html",)), message.get_body(("plain",))
    try:
        sent = parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
    except (TypeError, ValueError):
        sent = None
    if sent is not None and sent.tzinfo is None:  # "-0000": UTC, of unknown origin
        sent = sent.replace(tzinfo=dt.UTC)
    return DroppedMail(
        subject=str(message["Subject"] or ""), sender=str(message["From"] or ""), sent=sent,
        html=html.get_content() if html is not None else None,
        text=text.get_content() if text is not None else None,
        attachments=tuple(part.get_filename() or "" for part in message.iter_attachments()),
    )


def mail_to(folder: Path, address: str) -> list[DroppedMail]:
    """The kept mails addressed to ``address`` (one of their To addresses, case-insensitively), newest first."""
    wanted = address.casefold()
    found: list[DroppedMail] = []
    for subfolder in MAILDIR_PARTS[1:]:  # tmp/ holds mail still being written
        for path in sorted((folder / subfolder).glob("*")) if (folder / subfolder).is_dir() else ():
            message = _parsed(path)
            if message is None:
                continue
            recipients = getaddresses([str(value) for value in message.get_all("To", [])])
            if any(found_address.casefold() == wanted for _, found_address in recipients):
                found.append(_shown(message))
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(found, key=lambda mail: mail.sent or oldest, reverse=True)
