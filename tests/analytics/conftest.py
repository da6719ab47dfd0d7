"""Fixtures of the analytics tests: the service's app on SQLite and PostgreSQL, people, the controlled clock, and the
real SMTP server of the mail tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
sys.path.insert(0, str(Path(__file__).resolve().parent))  # for `analytics_helpers`


from analytics_helpers import ROLES  # noqa: E402


@pytest.fixture
def folder_settings() -> dict[str, object]:
    """Every app of these tests gives the figures' roles to two groups."""
    return dict(ROLES)

