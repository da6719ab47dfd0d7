"""``flask backup PATH`` and ``flask restore PATH``: the whole database, consistent while writes go on.

SQLite: its online backup API copies the database page by page inside one read transaction (WAL lets writers
go on meanwhile), so the copy is the database as it was at one moment. PostgreSQL: ``pg_dump`` in its custom
format (one snapshot, writes go on) and ``pg_restore``; both must be on PATH (Debian: postgresql-client), and
the service's schema (the ``search_path`` of ``PLEIN_DATABASE_URL``, if it names one) is what they copy.

A restore goes only into an empty database (every table of the service empty, as a fresh start migrates it),
so it can never mix two histories; the search index is rebuilt from the restored rows afterwards.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.engine import URL

from ..schema import metadata


class LifecycleError(Exception):
    """A backup or restore that cannot be done, with a sentence that says why."""


def backup(engine: Engine, path: Path) -> None:
    """Write a backup of ``engine``'s database to ``path`` (which must not exist)."""
    if path.exists():
        raise LifecycleError(f"{path} exists already: choose a new file, a backup never overwrites one")
    if engine.dialect.name == "sqlite":
        _sqlite_backup(engine, path)
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}", *_pg_target(engine.url)], engine.url)


def restore(engine: Engine, path: Path) -> None:
    """Restore the backup at ``path`` into ``engine``'s database, which must be empty."""
    if not path.is_file():
        raise LifecycleError(f"{path} is no file")
    filled = nonempty_tables(engine)
    if filled:
        raise LifecycleError(
            f"the database is not empty ({', '.join(filled[:5])}{' ...' if len(filled) > 5 else ''} hold rows): "
            "restore into a new, empty database"
        )
    if engine.dialect.name == "sqlite":
        _sqlite_restore(engine, path)
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error",
              *_pg_target(engine.url), str(path)], engine.url)
    engine.dispose()  # pooled connections may hold the schema as it was before


def nonempty_tables(engine: Engine) -> list[str]:
    """The service's tables that hold rows (those that exist)."""
    with engine.connect() as connection:
        present = set(inspect(connection).get_table_names())
        return [table.name for table in metadata.sorted_tables
                if table.name in present and connection.scalar(select(func.count()).select_from(table))]


def _sqlite_backup(engine: Engine, path: Path) -> None:
    """All pages in one step: one read transaction, so the copy is of one moment whatever writers do."""
    target = sqlite3.connect(path)
    try:
        with engine.connect() as connection:
            source = connection.connection.driver_connection
            assert isinstance(source, sqlite3.Connection)
            source.backup(target, pages=-1)
    finally:
        target.close()


def _sqlite_restore(engine: Engine, path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if source.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise LifecycleError(f"{path} is no intact SQLite database")
        with engine.connect() as connection:
            target = connection.connection.driver_connection
            assert isinstance(target, sqlite3.Connection)
            source.backup(target)
    except sqlite3.DatabaseError as error:
        raise LifecycleError(f"{path} is no SQLite database: {error}") from None
    finally:
        source.close()


def _pg_target(url: URL) -> list[str]:
    """pg_dump's and pg_restore's connection options (the password goes through the environment)."""
    options = [f"--dbname={url.database}", f"--host={url.host or 'localhost'}", f"--port={url.port or 5432}"]
    if url.username:
        options.append(f"--username={url.username}")
    schema = _search_path(url)
    if schema:
        options.append(f"--schema={schema}")
    return options


def _search_path(url: URL) -> str | None:
    """The schema ``options=-csearch_path=...`` names in the URL, if any."""
    raw = url.query.get("options", "")
    for option in unquote(raw if isinstance(raw, str) else " ".join(raw)).split():
        if option.startswith("-csearch_path="):
            return option.removeprefix("-csearch_path=").split(",")[0]
    return None


def _run(command: list[str], url: URL) -> None:
    if shutil.which(command[0]) is None:
        raise LifecycleError(f"{command[0]} is not on PATH: install the PostgreSQL client (postgresql-client)")
    environment = {**os.environ, **({"PGPASSWORD": url.password} if url.password else {})}
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if done.returncode:
        raise LifecycleError(f"{command[0]} failed: {done.stderr.strip()}")
