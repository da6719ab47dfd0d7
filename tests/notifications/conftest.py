"""Fixtures for mail: the service's fixtures (an app on SQLite and PostgreSQL, people, pages) and a real SMTP
server on 127.0.0.1.

The service's fixtures are imported from ``tests/service/conftest.py`` (a conftest below the top cannot use
``pytest_plugins``). The server listens on one port chosen when this module loads, so the test modules can
name it in their ``plein_settings`` mark (``MAIL``) and a test can take the server down and bring it back.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "service"))  # for its `service_helpers`

from tests.conftest import free_port  # noqa: E402
from tests.service.conftest import (  # noqa: E402, F401 - fixtures and the hook that registers plein_settings
    app,
    client,
    clock,
    database_url,
    joost,
    person,
    pytest_configure,
    sanne,
    settings,
    sync,
)

from mail_helpers import SmtpServer  # noqa: E402

SMTP_PORT = free_port()
MAIL: dict[str, Any] = {
    "PLEIN_SMTP_HOST": "127.0.0.1",
    "PLEIN_SMTP_PORT": SMTP_PORT,
    "PLEIN_SMTP_SECURITY": "none",
    "PLEIN_SMTP_SENDER": "Plein <plein@intranet.test>",
}
"""Settings of a service that mails through the test server (with the service's own test settings)."""


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """The SMTP server, up; stopped after the test."""
    server = SmtpServer(SMTP_PORT)
    server.start()
    yield server
    server.stop()
