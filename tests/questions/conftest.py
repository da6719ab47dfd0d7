"""Fixtures for questions: the service tests' app (SQLite and PostgreSQL), people, the clock, and the real SMTP
server of the mail tests (the escalation test mails through it)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "service"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "notifications"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pages"))

from tests.service.conftest import (  # noqa: E402, F401 - fixtures and the hook that registers plein_settings
    app,
    client,
    clock,
    database_url,
    folder_settings,
    joost,
    moderator,
    person,
    pytest_configure,
    sanne,
    settings,
    sync,
)

from mail_helpers import SMTP_PORT, SmtpServer  # noqa: E402


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """The SMTP server on 127.0.0.1, up; stopped after the test."""
    server = SmtpServer(SMTP_PORT)
    server.start()
    yield server
    server.stop()
