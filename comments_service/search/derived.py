"""The search backends' own tables, which models.py does not hold: Alembic's comparisons leave them out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import pg_schema, sqlite_schema

_TABLES = frozenset(pg_schema.metadata.tables) | {
    sqlite_schema.TABLE, sqlite_schema.TAGS_TABLE, sqlite_schema.WORDS_TABLE
}
_FTS5_SHADOWS = tuple(f"{sqlite_schema.WORDS_TABLE}_{part}" for part in ("data", "idx", "content", "docsize", "config"))
"""The tables FTS5 keeps for the words table."""


def _derived(table: str | None) -> bool:
    return table is not None and (table in _TABLES or table.startswith(_FTS5_SHADOWS))


def outside_models(name: str | None, type_: str, parent_names: Mapping[Any, str | None]) -> bool:
    """Alembic's `include_name` hook: False for the search tables and their indexes."""
    if type_ == "table":
        return not _derived(name)
    if type_ == "index":
        return not _derived(parent_names.get("table_name"))
    return True
