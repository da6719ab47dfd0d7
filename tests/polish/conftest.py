"""Fixtures for issue 11's phone and widget polish: the service tests' app (SQLite and PostgreSQL) and people.

The service's conftest imports its helpers as a top-level module, so its folder goes on the path first.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "service"))

from tests.service.conftest import (  # noqa: E402, F401 - fixtures and the hook that registers plein_settings
    app,
    client,
    clock,
    database_url,
    folder_settings,
    joost,
    moderator,
    page,
    person,
    pytest_configure,
    sanne,
    settings,
    sync,
)
