"""Sending over SMTP with the standard library's ``smtplib``: host, port, STARTTLS or TLS, login, from settings.

One connection serves a whole delivery run. Failures come in three kinds the delivery treats differently: the
server unavailable (down, unreachable, a refused login) stops the run and every mail waits for a later one; a
mail deferred (4xx for this message) waits while the run goes on; a mail refused (5xx for this message, such as
an address the server does not know) would never go out, so it is dropped.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import Message
from types import TracebackType

from ...config import MailSettings

TIMEOUT_SECONDS = 30
"""Per network operation; a mail in flight is never held much longer than this."""


class Unavailable(Exception):
    """The server cannot take any mail now."""


class Deferred(Exception):
    """The server cannot take this mail now."""


class Refused(Exception):
    """The server refused this mail for good."""


def _failure(error: Exception) -> Exception:
    """Only the server's answer about this very message concerns the mail alone; anything else (a refused
    sender or login is the configuration's fault) concerns every mail."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = min(code for code, _ in error.recipients.values())
    elif isinstance(error, smtplib.SMTPDataError):
        code = error.smtp_code
    else:
        return Unavailable(str(error))
    return (Refused if code >= 500 else Deferred)(str(error))


class Mailer:
    """A connection to the configured SMTP server, opened at the first mail and closed when the run ends."""

    def __init__(self, settings: MailSettings) -> None:
        self._settings = settings
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        settings = self._settings
        host = settings.smtp_host or ""
        smtp: smtplib.SMTP
        if settings.smtp_security == "tls":
            context = ssl.create_default_context()  # only with TLS: it loads the system's certificate store
            smtp = smtplib.SMTP_SSL(host, settings.smtp_port, timeout=TIMEOUT_SECONDS, context=context)
        else:
            smtp = smtplib.SMTP(host, settings.smtp_port, timeout=TIMEOUT_SECONDS)
        try:
            if settings.smtp_security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, message: Message) -> None:
        """Hand ``message`` to the server; raises :class:`Unavailable`, :class:`Deferred` or :class:`Refused`."""
        try:
            if self._smtp is None:
                self._smtp = self._connect()
            self._smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as error:
            failure = _failure(error)
            if isinstance(failure, Unavailable):
                self.close()  # the connection may be in any state; the next mail opens a new one
            raise failure from error

    def close(self) -> None:
        """Say goodbye to the server (or just drop a broken connection)."""
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
