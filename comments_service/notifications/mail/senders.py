"""Where mail goes: the SMTP server (``smtp``), the drop folder (``drop``), or nowhere yet."""

from __future__ import annotations

from email.message import Message
from types import TracebackType
from typing import Protocol, Self

from ...config import MailSettings
from .drop import MailDrop
from .smtp import Mailer


class Sender(Protocol):
    """Takes mails one by one until closed; raises ``smtp.Unavailable``, ``Deferred`` or ``Refused``."""

    def send(self, message: Message) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None: ...


def sender_for(settings: MailSettings) -> Sender | None:
    """A sender for one run: the SMTP server's, the drop's, or ``None`` (no mail goes out; it waits)."""
    if settings.smtp_host is not None:
        return Mailer(settings)
    if settings.drop is not None:
        return MailDrop(settings.drop)
    return None
