"""SQLite writers wait their turn in the kernel, not in SQLite's busy handler.

SQLite lets one connection write at a time. A second writer gets SQLITE_BUSY and its busy handler sleeps
1 ms, then 2, 5, 10 … before it looks again, however soon the lock came free: under a steady write load the
gunicorn workers spent a fifth of their time asleep while a third of the CPU stood idle. Here a connection
takes an exclusive ``flock`` on ``<database>-writers`` before the first write statement of a transaction and
gives it back when the transaction ends, so the next writer wakes the moment the lock is free.

Checkpoints, which copy the write-ahead log back into the database file and wait for the disk, run after a turn,
not in it. SQLite runs one inside the commit that brings the log past 1,000 pages, and so inside the turn held around
the commit: every eighty or so comment writes a commit took up to 4 ms instead of 70 µs (almost half of all the
commits' time under the service benchmark's write load) while the other workers waited for the turn. These
connections switch that off (``wal_autocheckpoint=0``) and run a PASSIVE checkpoint, which never waits for readers
or writers, after giving the turn away, every ``CHECKPOINT_EVERY`` write transactions a process commits to the
file; the last connection to close checkpoints as SQLite always does.

SQLite's own lock and busy timeout stay in force underneath for all that does not queue: statements that do
not begin with a write keyword (DDL, ``WITH … INSERT``), other programs, and a connection whose thread already
holds the queue through another connection (that wait would never end; the busy timeout ends it with an
error). The wait for a turn has no time limit of its own: a holder that hangs is ended by gunicorn's worker
timeout, and the kernel frees the lock of a process that ends.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable
from typing import Any, Self

WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE", "REPLACE")
"""How the statements begin that take SQLite's write lock (those SQLAlchemy sends start so)."""

CHECKPOINT_EVERY = 64
"""Write transactions a process commits to a database between its checkpoints: a comment's write adds about a
dozen pages to the log, so this keeps it near SQLite's own mark of 1,000 pages with two workers writing."""

_holders: dict[int, QueuedWriterConnection] = {}
"""The connection through which a thread (by its ident) holds the queue; a forked child holds nothing."""
os.register_at_fork(after_in_child=_holders.clear)
_commits: dict[str, int] = {}
"""Write transactions this process committed to each database (by path) since it last checkpointed it. Threads
may count past each other now and then; that moves a checkpoint by a commit, nothing more."""


def queue_path(database: str) -> str:
    """The file the writers of ``database`` queue on, beside its ``-wal`` and ``-shm`` files."""
    return f"{database}-writers"


class QueuedWriterConnection(sqlite3.Connection):
    """A connection whose write transactions take turns (``sqlite3.connect(path, factory=...)``).

    In-memory and URI databases have no file to queue on beside them: their connections behave as plain ones.
    """

    def __init__(self, database: str | os.PathLike[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        self._path = os.fspath(database)
        self._queue_fd: int | None = None
        self._has_turn = False
        self._turn_thread = 0
        if self._path != ":memory:" and self._path and not kwargs.get("uri"):
            super().execute("PRAGMA wal_autocheckpoint=0").close()  # checkpoints come after the turn: see above
            # Read-only is enough for flock; 0o666 less the umask, like the -wal and -shm files, lets a service
            # and its indexer running as different users of one group share the queue.
            self._queue_fd = os.open(queue_path(self._path), os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o666)
            self._close_queue = weakref.finalize(self, os.close, self._queue_fd)

    def cursor(self, factory: Any = None) -> Any:  # sqlite3's overloads: a _QueuingCursor, or ``factory``'s
        return super().cursor(factory or _QueuingCursor)

    # sqlite3's own shortcuts run their statement past the cursor's methods.
    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> sqlite3.Cursor:
        return self.cursor().executemany(sql, seq_of_parameters)

    def take_turn(self, sql: str) -> bool:
        """Before a write statement outside a transaction: wait for the queue (see the module's docstring).

        True when the turn was taken now."""
        if (
            self._has_turn
            or self._queue_fd is None
            or not sql.startswith(WRITE_STATEMENTS)
            or threading.get_ident() in _holders
        ):
            return False
        fcntl.flock(self._queue_fd, fcntl.LOCK_EX)
        self._has_turn = True
        self._turn_thread = threading.get_ident()
        _holders[self._turn_thread] = self
        return True

    def end_turn(self) -> None:
        """Give the queue to the next writer, if this connection has it."""
        if self._has_turn and self._queue_fd is not None:
            self._has_turn = False
            del _holders[self._turn_thread]
            fcntl.flock(self._queue_fd, fcntl.LOCK_UN)

    def commit(self) -> None:
        wrote = self._has_turn
        try:
            super().commit()
        finally:
            self.end_turn()
        if wrote:
            self._checkpoint_now_and_then()

    def _checkpoint_now_and_then(self) -> None:
        """After a committed write, once the turn is given away: every ``CHECKPOINT_EVERY``-th one of this process
        checkpoints the database's log (PASSIVE: it copies what no reader still needs, and never waits)."""
        commits = _commits.get(self._path, 0) + 1
        _commits[self._path] = commits % CHECKPOINT_EVERY
        if commits >= CHECKPOINT_EVERY:
            with contextlib.suppress(sqlite3.Error):  # another checkpoint at work: the next catches up
                super().execute("PRAGMA wal_checkpoint(PASSIVE)").close()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.end_turn()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.end_turn()
            if self._queue_fd is not None:
                self._close_queue()


class _QueuingCursor(sqlite3.Cursor):
    """Takes its connection's turn before a transaction's first write; ends it if no transaction followed."""

    connection: QueuedWriterConnection

    def execute(self, sql: str, parameters: Any = (), /) -> Self:
        self._in_turn(sqlite3.Cursor.execute, sql, parameters)
        return self

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> Self:
        self._in_turn(sqlite3.Cursor.executemany, sql, seq_of_parameters)
        return self

    def _in_turn(self, run: Callable[[sqlite3.Cursor, str, Any], sqlite3.Cursor], sql: str, parameters: Any) -> None:
        connection = self.connection
        if not connection.take_turn(sql):
            run(self, sql, parameters)
            return
        try:
            run(self, sql, parameters)
        finally:
            if not connection.in_transaction:  # autocommit, or the statement failed before it began one
                connection.end_turn()
