"""A person's rows, table by table, as the registry (``registry.py``) says where each table names them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, and_, false, select

from ..models import Person
from ..schema import metadata
from .registry import IS_SET, PERSONAL_DATA, PersonalData


def person_email(connection: Connection, person_id: str) -> str | None:
    """The person's stored address (page owners may name them by it)."""
    return connection.scalar(select(Person.email).where(Person.id == person_id))


def _matching(table: Table, where: Mapping[str, object]) -> list[ColumnElement[bool]]:
    """The conditions of a registry entry's ``where`` on ``table``."""
    return [table.c[column].is_not(None) if value is IS_SET else table.c[column] == value
            for column, value in where.items()]


def rows_of(entry: PersonalData, person_id: str, email: str | None) -> ColumnElement[bool]:
    """The condition that picks the person's rows of the entry's table."""
    table = metadata.tables[entry.table]
    conditions = _matching(table, entry.where)
    if entry.through is not None:
        parent = metadata.tables[entry.through.table]
        owned = select(parent.c[entry.through.key]).where(
            parent.c[entry.through.person_column] == person_id, *_matching(parent, entry.through.where))
        conditions.append(table.c[entry.through.column].in_(owned))
    else:
        assert entry.person_column is not None
        names = [person_id, email] if entry.also_email and email else [person_id]
        conditions.append(table.c[entry.person_column].in_(names) if names else false())
    return and_(*conditions)


def plain(value: Any) -> Any:
    """A value as JSON holds it: datetimes in ISO 8601 (UTC), the rest as it is."""
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    return value


def exported_rows(connection: Connection, person_id: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Every exported table in dependency order, with the person's rows (each once, in key order)."""
    email = person_email(connection, person_id)
    for table in metadata.sorted_tables:
        entries = [entry for entry in PERSONAL_DATA if entry.table == table.name and entry.export]
        if not entries:
            continue
        rows: dict[tuple[Any, ...], dict[str, Any]] = {}
        for entry in entries:
            for row in connection.execute(select(table).where(rows_of(entry, person_id, email))).mappings():
                rows.setdefault(_key(table, row), {name: plain(value) for name, value in row.items()})
        yield table.name, [rows[key] for key in sorted(rows)]


def _key(table: Table, row: Any) -> tuple[Any, ...]:
    return tuple(row[column.name] for column in table.primary_key.columns)
