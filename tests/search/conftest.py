"""Fixtures for the search tests: `backend` is each backend in turn, `sqlite`, `whoosh` and `postgres` one of them.

Whoosh works on a temporary directory; SQLite on a copy of a database migrated once per run; PostgreSQL on a
schema of its own per run (migrated once, its documents deleted before each test). When PostgreSQL is
unreachable its tests fail under CI and are skipped elsewhere, as the service's are.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from alembic import command
from sqlalchemy import Engine, text

from comments_service import db
from comments_service.search import PostgresBackend, SearchBackend, SqliteBackend, WhooshBackend
from comments_service.search.sqlite_backend import drain_lock_of

POSTGRES_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test"


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "search"


@pytest.fixture
def open_backend(index_dir: Path) -> Iterator[Callable[..., WhooshBackend]]:
    """Open backends on `index_dir` (as many as a test likes, like several processes would); all closed after."""
    opened: list[WhooshBackend] = []

    def open_(**options: Any) -> WhooshBackend:
        opened.append(WhooshBackend(index_dir, **options))
        return opened[-1]

    yield open_
    for backend in opened:
        backend.close()


@pytest.fixture
def whoosh(open_backend: Callable[..., WhooshBackend]) -> WhooshBackend:
    """A Whoosh backend on an empty index, without a writer thread (tests call `drain()` themselves)."""
    search = open_backend(refresh_interval=0.0, fsync=False)
    search.rebuild([])
    return search


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[psycopg.Connection[Any]]:
    """A connection that creates and drops the tests' schemas."""
    try:
        admin = psycopg.connect(POSTGRES_DSN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is unreachable: {error}")
        pytest.skip(f"PostgreSQL is unreachable: {error}")
    with admin:
        yield admin


@contextmanager
def _own_schema(admin: psycopg.Connection[Any]) -> Iterator[Engine]:
    """An engine on a new, empty schema, dropped afterwards."""
    schema = f"plein_search_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')
    engine = db.make_engine(
        f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
        "%20-csynchronous_commit%3Doff"
    )
    try:
        yield engine
    finally:
        engine.dispose()
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(scope="session")
def pg_engine(pg_admin: psycopg.Connection[Any]) -> Iterator[Engine]:
    """An engine on a fresh schema migrated to the newest revision, dropped after the run."""
    with _own_schema(pg_admin) as engine:
        command.upgrade(db.alembic_config(engine), "head")
        yield engine


@pytest.fixture
def pg_unmigrated(pg_admin: psycopg.Connection[Any]) -> Iterator[Engine]:
    """An engine on an empty schema of this test's own, for migrating step by step."""
    with _own_schema(pg_admin) as engine:
        yield engine


@pytest.fixture
def open_postgres(pg_engine: Engine) -> Iterator[Callable[..., PostgresBackend]]:
    """Open PostgreSQL backends on an empty documents table (several, like several hosts); all closed after."""
    with pg_engine.begin() as connection:
        connection.execute(text("DELETE FROM search_documents"))
    opened: list[PostgresBackend] = []

    def open_(**options: Any) -> PostgresBackend:
        opened.append(PostgresBackend(pg_engine, **options))
        return opened[-1]

    yield open_
    for backend in opened:
        backend.close()


@pytest.fixture
def postgres(open_postgres: Callable[..., PostgresBackend]) -> PostgresBackend:
    """A PostgreSQL backend on an empty table, built (so it answers), without a drain thread."""
    search = open_postgres()
    search.rebuild([])
    return search


@pytest.fixture(scope="session")
def sqlite_migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated to the newest revision, copied for each test that needs one."""
    path = tmp_path_factory.mktemp("sqlite-search") / "migrated.sqlite3"
    engine = db.make_engine(f"sqlite:///{path}")
    command.upgrade(db.alembic_config(engine), "head")
    engine.dispose()
    return path


@pytest.fixture
def sqlite_engine(sqlite_migrated: Path, tmp_path: Path) -> Iterator[Engine]:
    """An engine on this test's own copy of the migrated database."""
    path = tmp_path / "plein.sqlite3"
    shutil.copyfile(sqlite_migrated, path)
    engine = db.make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def open_sqlite(sqlite_engine: Engine) -> Iterator[Callable[..., SqliteBackend]]:
    """Open SQLite backends on this test's database (several, like several processes); all closed after."""
    opened: list[SqliteBackend] = []

    def open_(**options: Any) -> SqliteBackend:
        options.setdefault("drain_lock", drain_lock_of(str(sqlite_engine.url.database)))
        opened.append(SqliteBackend(sqlite_engine, **options))
        return opened[-1]

    yield open_
    for backend in opened:
        backend.close()


@pytest.fixture
def sqlite(open_sqlite: Callable[..., SqliteBackend]) -> SqliteBackend:
    """A SQLite backend on empty tables, built (so it answers), without a drain thread."""
    search = open_sqlite()
    search.rebuild([])
    return search


@pytest.fixture(params=["sqlite", "whoosh", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> SearchBackend:
    """Each backend in turn, empty: the tests that take it hold for all three."""
    return request.getfixturevalue(request.param)
