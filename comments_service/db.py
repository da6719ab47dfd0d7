"""The database engine, the per-request session and the schema migrations.

SQLite is the default: every connection gets WAL journalling, foreign keys and a busy timeout (set
on connect, so several gunicorn workers share one file without "database is locked" errors), and its
writers take turns on a lock file (`sqlite_writers`). PostgreSQL is used when the URL says
``postgresql+psycopg://``. Either way, a forked child opens connections of its own.
"""

from __future__ import annotations

import fcntl
import os
import random
import sqlite3
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, Unpack, cast

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask, current_app, g
from sqlalchemy import Connection, CursorResult, Engine, Executable, Select, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.engine.default import DefaultDialect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from .sqlite_writers import QueuedWriterConnection

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
AnySelect = TypeVar("AnySelect", bound="Select[Unpack[tuple[Any, ...]]]")
"""A SELECT of any columns, for what narrows one and answers it typed as it came (its columns' types kept)."""
SQLITE_BUSY_TIMEOUT_MS = 10_000


def _configure_sqlite(dbapi_connection: sqlite3.Connection, connection_record: Any) -> None:
    """Pragmas every SQLite connection needs; run once per new DBAPI connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


def _forget_inherited_connections() -> None:
    """In a forked child (gunicorn's ``--preload``): drop the parent's pooled connections unclosed.

    A database connection must not cross a fork (SQLite's file locks and writers' queue, PostgreSQL's socket
    belong to the parent); the child opens its own, as SQLAlchemy's pooling guide advises.
    """
    for engine in list(_engines):
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_inherited_connections)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; creates the folder of a SQLite file and sets its pragmas on connect."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True)
    else:
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # A file's pool hands out the connection used last: SQLite drops a connection's page cache when another
        # connection wrote since its last transaction, and the pool holds more than one (the search index's first
        # build, background threads): handed out in turn, every request re-read some 30 pages from the file.
        # (An in-memory database has one connection per thread, no pool to order.)
        options: dict[str, Any] = {"connect_args": {"factory": QueuedWriterConnection}}
        dialect = cast(type[DefaultDialect], parsed.get_dialect())  # SQLite's dialects are DefaultDialects
        if issubclass(dialect.get_pool_class(parsed), QueuePool):
            options["pool_use_lifo"] = True
        engine = create_engine(url, **options)
        event.listen(engine, "connect", _configure_sqlite)
    _engines.add(engine)
    return engine


def alembic_config(engine: Engine) -> AlembicConfig:
    """An Alembic configuration pointing at the package's migrations (no alembic.ini needed)."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


@cache
def head_revision() -> str | None:
    """The newest migration's revision (the scripts are read once per process)."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def needs_upgrade(engine: Engine) -> bool:
    """Whether the database is behind the newest migration (one cheap query)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() != head_revision()


def upgrade(engine: Engine, lock_path: Path) -> None:
    """Bring the schema to the newest migration, one process at a time (`_migrating_alone`)."""
    with _migrating_alone(engine, lock_path):
        if needs_upgrade(engine):
            command.upgrade(alembic_config(engine), "head")


_MIGRATION_LOCK = text("SELECT pg_advisory_lock(hashtext('plein-migrations:' || current_schema()))")
_MIGRATION_UNLOCK = text("SELECT pg_advisory_unlock(hashtext('plein-migrations:' || current_schema()))")


@contextmanager
def _migrating_alone(engine: Engine, lock_path: Path) -> Iterator[None]:
    """On PostgreSQL an advisory lock of the schema, which the workers of every host see (hosts starting at
    once on a new release would otherwise run the same migration together); on SQLite, whose database is on
    this host, a file lock."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(_MIGRATION_LOCK)
            connection.commit()
            try:
                yield
            except BaseException:
                connection.invalidate()  # closing the connection frees the lock, whatever state it is in
                raise
            connection.execute(_MIGRATION_UNLOCK)
            connection.commit()
        return
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def init_app(app: Flask, url: str, migrate: bool) -> None:
    """Create the engine and session factory for ``app``; migrate unless told not to."""
    engine = make_engine(url)
    if migrate:
        upgrade(engine, Path(app.instance_path) / "migrate.lock")
    app.extensions["plein.db"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    """The current app's engine."""
    factory: sessionmaker[Session] = current_app.extensions["plein.db"]
    return factory.kw["bind"]


def session() -> Session:
    """The request's session, opened on first use and closed when the app context ends."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["plein.db"]()
    return g.db_session


@contextmanager
def transaction() -> Iterator[Session]:
    """The request's session inside a transaction: committed on success, rolled back on error."""
    current = session()
    try:
        yield current
        current.commit()
    except BaseException:
        current.rollback()
        raise


DEADLOCK_RETRIES = 4
_RETRYABLE = frozenset({"40P01", "40001"})  # PostgreSQL: deadlock detected, serialization failure
T = TypeVar("T")


def retried(work: Callable[[Session], T]) -> T:
    """``work`` in a transaction of its own, run again (a few times, after a short random pause) when the
    database ended it to break a deadlock: two writes to one conversation that met in the other order."""
    for attempt in range(DEADLOCK_RETRIES + 1):
        try:
            with transaction() as current:
                return work(current)
        except OperationalError as error:
            if attempt == DEADLOCK_RETRIES or getattr(error.orig, "sqlstate", None) not in _RETRYABLE:
                raise
            time.sleep(random.uniform(0.005, 0.02) * (attempt + 1))
    raise AssertionError("unreachable")  # the loop returns or raises


def engine_of(session: Session) -> Engine:
    """The engine behind ``session``, by which a process keeps what it remembers of a database (a session bound to
    a connection answers that connection's engine)."""
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def insert_of(target: Session | Connection) -> Callable[..., postgresql.Insert | sqlite.Insert]:
    """The database's own ``insert``, which adds ``ON CONFLICT`` (``on_conflict_do_nothing`` and the like) to the
    standard one: PostgreSQL's or SQLite's, by the database behind ``target``."""
    dialect = (target.get_bind() if isinstance(target, Session) else target).dialect
    return postgresql.insert if dialect.name == "postgresql" else sqlite.insert


def rows_changed(session: Session, statement: Executable) -> int:
    """Run an INSERT, UPDATE or DELETE and answer how many rows it changed.

    ``Session.execute`` is typed to answer a ``Result``, which has no ``rowcount``; what a change answers is a
    ``CursorResult``, which has.
    """
    return cast(CursorResult[Any], session.execute(statement)).rowcount


def _close_session(exception: BaseException | None) -> None:
    """Give the connection back to the pool at the end of every request."""
    current: Session | None = g.pop("db_session", None)
    if current is not None:
        current.close()
