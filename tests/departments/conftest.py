"""Fixtures for department accounts: the service's app (SQLite and PostgreSQL) with HR and IT configured as
department accounts, people in and out of them, a synced page."""

from __future__ import annotations

from typing import Any

import pytest
from service_helpers import Member


@pytest.fixture
def folder_settings() -> dict[str, Any]:
    """HR and IT are department accounts (the groups ``hr`` and ``it`` of the identity headers)."""
    return {"PLEIN_DEPARTMENTS": "hr=HR;it=IT-afdeling"}


@pytest.fixture
def henk(person: Any) -> Member:
    """Henk, in HR."""
    return person("henk", "Henk van HR", ["hr"])


@pytest.fixture
def hanna(person: Any) -> Member:
    """Hanna, in HR too."""
    return person("hanna", "Hanna Hermans", ["hr"])
