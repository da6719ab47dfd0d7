"""Fixtures of the privacy tests: the service tests' app (SQLite with the Whoosh index, PostgreSQL with its own
search backend, so erasure is checked against both) and people."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def folder_settings(database_url: str) -> dict[str, Any]:
    """On PostgreSQL the search lives in the database (``search_documents``); on SQLite in Whoosh."""
    return {"PLEIN_SEARCH_BACKEND": "postgres"} if database_url.startswith("postgresql") else {}
