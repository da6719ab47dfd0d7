"""Fixtures for announcements: the service's app (SQLite and PostgreSQL), people, the clock, a synced site with
an announcement, and the real SMTP server of the mail tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "service"))  # for its `service_helpers`

from tests.service.conftest import (  # noqa: E402, F401 - fixtures and the hook that registers plein_settings
    app,
    client,
    clock,
    database_url,
    joost,
    moderator,
    person,
    pytest_configure,
    sanne,
    settings,
    sync,
)
from tests.notifications.mail_helpers import SMTP_PORT, SmtpServer  # noqa: E402

from service_helpers import Member  # noqa: E402
from tests.announcements.announcement_helpers import ROLES  # noqa: E402

@pytest.fixture
def folder_settings() -> dict[str, Any]:
    """Every test here: the communication role and the department accounts of ``ROLES``."""
    return dict(ROLES)


@pytest.fixture
def communicator(person: Any) -> Member:
    """Carla, in the group ``communicatie``: the communication role (with ``ROLES``) and a department member."""
    return person("carla", "Carla Communicatie", ["communicatie"])


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """The SMTP server, up; stopped after the test."""
    server = SmtpServer(SMTP_PORT)
    server.start()
    yield server
    server.stop()
