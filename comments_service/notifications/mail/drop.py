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
from email.parser import BytesHeaderParser, BytesParser
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


def _sent(date: str | None) -> dt.datetime | None:
    """A Date header's moment (``None`` without a readable one); "-0000" is UTC, of unknown origin."""
    try:
        sent = parsedate_to_datetime(date) if date else None
    except (TypeError, ValueError):
        return None
    return sent.replace(tzinfo=dt.UTC) if sent is not None and sent.tzinfo is None else sent


def mail_to(folder: Path, address: str) -> list[Path]:
    """The files of the kept mails addressed to ``address`` (one of their To addresses, case-insensitively), newest
    first. Only their headers are read (2,000 mails take a tenth of a second): ``read`` the ones to show."""
    wanted = address.casefold()
    found: list[tuple[dt.datetime, Path]] = []
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    headers = BytesHeaderParser(policy=policy.compat32)  # the legacy policy: no header objects, several times faster
    for subfolder in MAILDIR_PARTS[1:]:  # tmp/ holds mail still being written
        for path in (folder / subfolder).glob("*") if (folder / subfolder).is_dir() else ():
            try:
                with path.open("rb") as file:
                    head = headers.parse(file)
            except FileNotFoundError:  # a Maildir may be emptied while it is read
                continue
            if any(found_address.casefold() == wanted for _, found_address in getaddresses(head.get_all("To", []))):
                found.append((_sent(head["Date"]) or oldest, path))
    return [path for _, path in sorted(found, key=lambda pair: (pair[0], pair[1].name), reverse=True)]


def read(path: Path) -> DroppedMail | None:
    """The kept mail in ``path`` as the page shows it: headers, both parts, attachments' names; ``None`` when it
    is gone."""
    try:
        with path.open("rb") as file:
            message: EmailMessage = BytesParser(policy=policy.default).parse(file)
    except FileNotFoundError:
        return None
    html, text = message.get_body(("html",)), message.get_body(("plain",))
    return DroppedMail(
        subject=str(message["Subject"] or ""), sender=str(message["From"] or ""), sent=_sent(message["Date"]),
        html=html.get_content() if html is not None else None,
        text=text.get_content() if text is not None else None,
        attachments=tuple(part.get_filename() or "" for part in message.iter_attachments()),
    )
