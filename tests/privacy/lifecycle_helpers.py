"""Helpers of the backup and import tests: a second, empty database of the same backend, an app on it, and every
row of every table."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from flask import Flask
from sqlalchemy import select

from comments_service import create_app, db
from comments_service.schema import metadata

from service_helpers import POSTGRES_DSN, POSTGRES_URL, close_app, wait_for_first_index


@contextmanager
def empty_twin(database_url: str, tmp_path: Any) -> Iterator[str]:
    """The URL of a new, empty database of the same backend (PostgreSQL: a database of its own, with the same
    schema name, as a restore of a pg_dump needs); dropped afterwards."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / f'twin-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    name = f"plein_twin_{uuid.uuid4().hex[:12]}"
    schema = database_url.split("search_path%3D")[1].split("%20")[0]
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(POSTGRES_DSN.rsplit("/", 1)[0] + f"/{name}", autocommit=True) as twin:
            twin.execute(f'CREATE SCHEMA "{schema}"')
        yield f"{POSTGRES_URL.rsplit('/', 1)[0]}/{name}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRES_DSN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def app_on(settings: dict[str, Any], database_url: str, tmp_path: Any) -> Iterator[Flask]:
    """The service on another database (its own search index), closed afterwards."""
    twin = create_app({**settings, "PLEIN_DATABASE_URL": database_url,
                       "PLEIN_SEARCH_DIR": str(tmp_path / f"search-{uuid.uuid4().hex[:8]}")})
    wait_for_first_index(twin)  # as the service tests' app: the first build
    try:
        yield twin
    finally:
        close_app(twin)


def every_row(app: Flask) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the service, in key order."""
    with app.app_context():
        connection = db.session().connection()
        return {table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key.columns))]
                for table in metadata.sorted_tables}
