"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, and ways to look at mail."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tests.conftest import port_outside_the_ephemeral_range

SMTP_PORT = port_outside_the_ephemeral_range()
MAIL: dict[str, object] = {
    "PLEIN_SMTP_HOST": "127.0.0.1",
    "PLEIN_SMTP_PORT": SMTP_PORT,
    "PLEIN_SMTP_SECURITY": "none",
    "PLEIN_SMTP_SENDER": "Plein <plein@intranet.test>",
}
"""Settings of a service that mails through the test server (with the service's own test settings)."""
HOLD_SECONDS = 30.0
"""Longest a held mail keeps the server waiting (a test that forgets to release it still ends)."""


@dataclass(frozen=True)
class Received:
    """One mail as the server took it."""

    to: list[str]
    message: EmailMessage

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    def part(self, subtype: str) -> str:
        """The text of the ``text/<subtype>`` part."""
        body = self.message.get_body(preferencelist=(subtype,))
        assert body is not None and body.get_content_subtype() == subtype, f"no text/{subtype} part"
        return body.get_content()


class Inbox:
    """The handler of the test server: every mail it accepted, in order; can refuse or hold mail."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.refuse: dict[str, str] = {}  # address -> SMTP answer to RCPT TO
        self.hold_from: int | None = None  # hold the n-th mail (from 1) and later ones after receiving them
        self.held = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          options: list[str]) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        message = message_from_bytes(content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append(Received(list(envelope.rcpt_tos), message))
        if self.hold_from is not None and len(self.received) >= self.hold_from:
            self.held.set()
            for _ in range(int(HOLD_SECONDS / 0.05)):
                if self.release.is_set():
                    break
                await asyncio.sleep(0.05)
        return "250 Message accepted"

    def to(self, address: str) -> list[Received]:
        """The mails to ``address``."""
        return [mail for mail in self.received if address in mail.to]


class SmtpServer:
    """aiosmtpd on 127.0.0.1:``port`` in a thread; ``stop()`` and ``start()`` again to take it down and back."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self.inbox.release.set()
            self._controller.stop()
            self._controller = None


def plain_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """The test app's ``PLEIN_*`` settings a child process can be given (not the clock object)."""
    return {key: value for key, value in settings.items()
            if key.startswith("PLEIN_") and isinstance(value, str | int | bool)}
