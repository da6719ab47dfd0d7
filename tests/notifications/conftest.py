"""Fixtures for mail: the service's fixtures (an app on SQLite and PostgreSQL, people, pages) and a real SMTP
server on 127.0.0.1 (its port and the settings that mail through it: ``mail_helpers``).

The service's fixtures are imported from ``tests/service/conftest.py`` (a conftest below the top cannot use
``pytest_plugins``). The server listens on one port chosen when ``mail_helpers`` loads, so the test modules can name it in their
``plein_settings`` mark (``MAIL``) and a test can take the server down and bring it back.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "service"))  # for its `service_helpers`

from tests.service.conftest import (  # noqa: E402, F401 - fixtures and the hook that registers plein_settings
    app,
    client,
    clock,
    database_url,
    folder_settings,
    joost,
    person,
    pytest_configure,
    sanne,
    settings,
    sync,
)

from mail_helpers import SMTP_PORT, SmtpServer  # noqa: E402



@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """The SMTP server, up; stopped after the test."""
    server = SmtpServer(SMTP_PORT)
    server.start()
    yield server
    server.stop()
