"""SQLite writers take turns on an flock: a second writer waits for the first instead of failing or sleeping.

Every connection here has a busy timeout of 0, so a writer that met SQLite's lock instead of the queue would
fail at once with "database is locked": what passes here passed through the queue.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from comments_service import db
from comments_service.sqlite_writers import CHECKPOINT_EVERY, QueuedWriterConnection, queue_path

JOIN_TIMEOUT_S = 20
PROCESSES = 4
TRANSACTIONS_EACH = 150


@pytest.fixture
def database(tmp_path: Path) -> str:
    path = str(tmp_path / "queue.sqlite3")
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, writer TEXT)")
    setup.close()
    return path


@pytest.fixture
def connect(database: str) -> Iterator[Callable[[], QueuedWriterConnection]]:
    """Queued connections to the database that give up at once on SQLite's own lock; closed afterwards."""
    opened: list[QueuedWriterConnection] = []

    def connect() -> QueuedWriterConnection:
        connection = sqlite3.connect(
            database, factory=QueuedWriterConnection, timeout=0, check_same_thread=False
        )
        opened.append(connection)
        return connection

    yield connect
    for connection in opened:
        connection.close()


def queue_is_free(database: str) -> bool:
    """Whether nobody holds the writers' queue right now (asked through a descriptor of our own)."""
    fd = os.open(queue_path(database), os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    """Run `work` in a thread; the list gets its result or the exception it raised."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as error:  # the test looks at it
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def test_a_write_transaction_holds_the_queue_until_it_ends(database: str, connect: Callable) -> None:
    connection = connect()
    connection.execute("SELECT count(*) FROM notes").fetchone()
    assert queue_is_free(database), "reading takes no turn"
    connection.execute("INSERT INTO notes (writer) VALUES ('a')")
    assert not queue_is_free(database)
    connection.execute("UPDATE notes SET writer = 'b'")
    connection.commit()
    assert queue_is_free(database)
    connection.execute("DELETE FROM notes")
    assert not queue_is_free(database)
    connection.rollback()
    assert queue_is_free(database)
    assert connection.execute("SELECT writer FROM notes").fetchall() == [("b",)]


def test_closing_or_failing_gives_the_turn_back(database: str, connect: Callable) -> None:
    connection = connect()
    connection.execute("INSERT INTO notes (writer) VALUES ('a')")
    connection.close()
    assert queue_is_free(database)

    autocommit = connect()
    autocommit.isolation_level = None
    autocommit.execute("INSERT INTO notes (writer) VALUES ('b')")
    assert queue_is_free(database), "an autocommitted statement is its own transaction"
    with pytest.raises(sqlite3.OperationalError):
        connect().execute("INSERT INTO no_such_table VALUES (1)")
    assert queue_is_free(database), "a statement that failed before its transaction began"


def test_a_second_writer_waits_for_the_first_and_then_writes(database: str, connect: Callable) -> None:
    first, second = connect(), connect()
    first.execute("INSERT INTO notes (writer) VALUES ('first')")

    def write_second() -> str:
        second.execute("INSERT INTO notes (writer) VALUES ('second')")
        second.commit()
        return "written"

    thread, outcome = in_thread(write_second)
    thread.join(0.3)
    assert thread.is_alive() and outcome == [], "the second writer waits in the queue"
    first.commit()
    thread.join(JOIN_TIMEOUT_S)
    assert outcome == ["written"]
    assert first.execute("SELECT writer FROM notes ORDER BY id").fetchall() == [("first",), ("second",)]


def test_a_thread_holding_the_queue_does_not_wait_on_itself(database: str, connect: Callable) -> None:
    """A second connection in the same thread meets SQLite's lock and its busy timeout: an error, not a hang."""
    first, second = connect(), connect()

    def write_twice() -> object:
        first.execute("INSERT INTO notes (writer) VALUES ('first')")
        try:
            second.execute("INSERT INTO notes (writer) VALUES ('second')")
        finally:
            first.rollback()
        return "no error"

    thread, outcome = in_thread(write_twice)
    thread.join(JOIN_TIMEOUT_S)
    assert not thread.is_alive()
    assert isinstance(outcome[0], sqlite3.OperationalError) and "locked" in str(outcome[0])
    assert queue_is_free(database)


WRITER = """
import sqlite3, sys
from comments_service.sqlite_writers import QueuedWriterConnection
connection = sqlite3.connect(sys.argv[1], factory=QueuedWriterConnection, timeout=0)
for number in range(int(sys.argv[3])):
    connection.execute("INSERT INTO notes (writer) VALUES (?)", (sys.argv[2],))
    connection.execute("UPDATE notes SET writer = writer WHERE id IN (SELECT id FROM notes LIMIT 50)")
    connection.commit()
connection.close()
"""


def test_writers_in_several_processes_all_write(database: str) -> None:
    """Besides writers, SQLite locks the file for a moment when the first connection sets up the WAL index and
    when the last one closes (the service's busy timeout covers those); a connection held open throughout keeps
    both out of this race."""
    root = Path(__file__).resolve().parents[2]
    keeper = sqlite3.connect(database)
    try:
        keeper.execute("SELECT count(*) FROM notes").fetchone()
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, database, f"p{number}", str(TRANSACTIONS_EACH)],
                cwd=root, stderr=subprocess.PIPE, text=True,
            )
            for number in range(PROCESSES)
        ]
        failures = []
        for writer in writers:
            _, errors = writer.communicate(timeout=JOIN_TIMEOUT_S * 3)
            if writer.returncode:
                failures.append(errors)
        assert failures == []
        counts = dict(keeper.execute("SELECT writer, count(*) FROM notes GROUP BY writer").fetchall())
    finally:
        keeper.close()
    assert counts == {f"p{number}": TRANSACTIONS_EACH for number in range(PROCESSES)}


def test_the_service_engine_queues_file_databases_only(database: str) -> None:
    file_engine, memory_engine = db.make_engine(f"sqlite:///{database}"), db.make_engine("sqlite://")
    try:
        with file_engine.begin() as connection:
            connection.execute(text("INSERT INTO notes (writer) VALUES ('engine')"))
            assert isinstance(connection.connection.dbapi_connection, QueuedWriterConnection)
            assert not queue_is_free(database)
        assert queue_is_free(database)
        with memory_engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (x)"))
            connection.execute(text("INSERT INTO t VALUES (1)"))
            assert connection.execute(text("SELECT x FROM t")).scalar() == 1
    finally:
        file_engine.dispose()
        memory_engine.dispose()


def test_the_service_engine_hands_out_the_connection_used_last(database: str) -> None:
    """SQLite keeps a connection's page cache while no other connection writes: one process's requests one after
    another run on one connection, however many the pool holds (the search index's first build opens a second)."""
    engine = db.make_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as first, engine.connect() as second:  # the pool now holds two
            assert first.connection.dbapi_connection is not second.connection.dbapi_connection
        used = []
        for number in range(4):
            with engine.begin() as connection:
                connection.execute(text("INSERT INTO notes (writer) VALUES (:n)"), {"n": f"request {number}"})
                used.append(connection.connection.dbapi_connection)
        assert all(connection is used[0] for connection in used)
    finally:
        engine.dispose()


def wal_bytes(database: str) -> int:
    wal = Path(f"{database}-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_checkpoints_run_after_the_turn_not_inside_it(database: str, connect: Callable) -> None:
    """SQLite's own checkpoint would run inside the commit, so inside the turn; here the connection runs it once
    the turn is given away, every CHECKPOINT_EVERY write transactions of the process."""
    connection = connect()
    assert connection.execute("PRAGMA wal_autocheckpoint").fetchone() == (0,)
    seen: list[tuple[str, bool]] = []
    connection.set_trace_callback(lambda sql: seen.append((sql, queue_is_free(database))))
    for number in range(CHECKPOINT_EVERY * 2):
        connection.execute("INSERT INTO notes (writer) VALUES (?)", (f"w{number}",))
        connection.commit()
    checkpoints = [free for sql, free in seen if "wal_checkpoint" in sql]
    assert checkpoints == [True, True], "one per CHECKPOINT_EVERY commits, each with the queue free"
    reader = connect()
    assert reader.execute("SELECT count(*) FROM notes").fetchone() == (CHECKPOINT_EVERY * 2,)


def test_the_log_stays_small_without_sqlites_own_checkpoints(database: str, connect: Callable) -> None:
    """With SQLite's own checkpoints off, a thousand write transactions leave a log of a checkpoint's worth of
    pages, not of all of them (4.6 MB here without any checkpoint; SQLite's own let it reach about 4 MB)."""
    connection = connect()
    for number in range(1000):
        connection.execute("INSERT INTO notes (writer) VALUES (?)", (f"writer {number} " * 20,))
        connection.execute("UPDATE notes SET writer = writer WHERE id = ?", (number // 2 + 1,))
        connection.commit()
    assert wal_bytes(database) < 1_000_000
    assert connection.execute("SELECT count(*) FROM notes").fetchone() == (1000,)


def test_checkpoints_wait_for_no_reader(database: str, connect: Callable) -> None:
    """A reader in the middle of a transaction keeps its snapshot while the writer's checkpoints run past it, and
    neither waits for the other."""
    writer, reader = connect(), connect()
    writer.execute("INSERT INTO notes (writer) VALUES ('before')")
    writer.commit()
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM notes").fetchone() == (1,)  # a snapshot the log must keep
    for number in range(CHECKPOINT_EVERY * 2):
        writer.execute("INSERT INTO notes (writer) VALUES (?)", (f"w{number}",))
        writer.commit()
    assert reader.execute("SELECT count(*) FROM notes").fetchone() == (1,), "the reader's snapshot stands"
    reader.rollback()
    assert reader.execute("SELECT count(*) FROM notes").fetchone() == (CHECKPOINT_EVERY * 2 + 1,)
