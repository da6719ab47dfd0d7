"""Fixtures for the service's HTML pages and feeds: the service tests' app (SQLite and PostgreSQL) and people.

The service's conftest imports its helpers as a top-level module (pytest puts its folder on the path when it
collects it), so that folder goes on the path here too before its fixtures are taken over.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "service"))

from tests.service.conftest import (  # noqa: E402 - needs the path above
    app,
    client,
    clock,
    database_url,
    folder_settings,
    joost,
    page,
    person,
    pytest_configure,
    sanne,
    settings,
    sync,
)

__all__ = [
    "app", "client", "clock", "database_url", "folder_settings", "joost", "page", "person", "pytest_configure", "sanne",
    "settings", "sync",
]
