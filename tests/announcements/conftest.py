"""Fixtures for announcements: the service's app (SQLite and PostgreSQL), people, the clock, a synced site with
an announcement, and the real SMTP server of the mail tests."""

from __future__ import annotations

from typing import Any

import pytest
from service_helpers import Member

from tests.announcements.announcement_helpers import ROLES


@pytest.fixture
def folder_settings() -> dict[str, Any]:
    """Every test here: the communication role and the department accounts of ``ROLES``."""
    return dict(ROLES)


@pytest.fixture
def communicator(person: Any) -> Member:
    """Carla, in the group ``communicatie``: the communication role (with ``ROLES``) and a department member."""
    return person("carla", "Carla Communicatie", ["communicatie"])

