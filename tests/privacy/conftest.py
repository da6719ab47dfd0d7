"""Fixtures of the privacy tests: the service tests' app (SQLite with the Whoosh index, PostgreSQL with its own
search backend, so erasure is checked against both) and people.

The service's helpers are top-level modules of their folders (see tests/pages/conftest.py), so both folders
go on the path before the fixtures are taken over.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

for folder in ("service", "pages"):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / folder))

from tests.service.conftest import (  # noqa: E402, F401 - needs the path above
    app,
    client,
    clock,
    database_url,
    empty_database_url,
    joost,
    moderator,
    page,
    person,
    pytest_configure,
    sanne,
    settings,
    sync,
)


@pytest.fixture
def folder_settings(database_url: str) -> dict[str, Any]:
    """On PostgreSQL the search lives in the database (``search_documents``); on SQLite in Whoosh."""
    return {"PLEIN_SEARCH_BACKEND": "postgres"} if database_url.startswith("postgresql") else {}
