"""Fixtures for questions: the service tests' app (SQLite and PostgreSQL), people, the clock, and the real SMTP
server of the mail tests (the escalation test mails through it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


from mail_helpers import SMTP_PORT, SmtpServer  # noqa: E402


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """The SMTP server on 127.0.0.1, up; stopped after the test."""
    server = SmtpServer(SMTP_PORT)
    server.start()
    yield server
    server.stop()
