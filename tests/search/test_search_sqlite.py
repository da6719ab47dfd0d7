"""The SQLite backend's own contract: one process drains at a time, several share the database without an error,
the words it indexes are Whoosh's analyser's, and migration 0020 makes (and takes away) its tables."""

from __future__ import annotations

import multiprocessing
import os
import queue
import random
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from search_factories import comment, end_processes, ids
from sqlalchemy import Engine, inspect

from comments_service import db
from comments_service.search import Apply, SqliteBackend
from comments_service.search.schema import LANGUAGES, analyzer_for, words
from comments_service.search.sqlite_backend import drain_lock_of
from comments_service.search.sqlite_schema import TABLE, TAGS_TABLE, WORDS_TABLE
from comments_service.search.writerlock import writer_lock


def test_only_one_process_drains_at_a_time(open_sqlite: Callable[..., SqliteBackend], tmp_path: Path) -> None:
    fed: list[int] = []
    search = open_sqlite(feed=lambda apply: fed.append(1) or 1)
    search.rebuild([])

    with writer_lock(drain_lock_of(str(tmp_path / "plein.sqlite3")), blocking=False) as other_process:
        assert other_process
        assert search.drain() == 0

    assert search.drain() == 1 and fed == [1]


def test_a_drain_in_progress_keeps_another_thread_of_the_process_out(open_sqlite: Callable[..., SqliteBackend]) -> None:
    inner: list[int] = []

    def feed(_apply: object) -> int:
        inner.append(search.drain())  # the same backend, as a second thread's drain would ask
        return 1

    search = open_sqlite(feed=feed)
    search.rebuild([])

    assert search.drain() == 1 and inner == [0]


def test_the_words_indexed_are_those_of_the_whoosh_analyser() -> None:
    rng = random.Random(2026)
    alphabet = "aeioubcdfghklmnprst .,-_*'’1234567890ëéüÉßİ\u0301 de het the and #@"
    for language in LANGUAGES:
        analyse = analyzer_for(language)
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
            assert words(text, language) == [token.text for token in analyse(text)], (language, text)


def test_a_rebuild_leaves_no_word_of_the_documents_before(sqlite: SqliteBackend, sqlite_engine: Engine) -> None:
    sqlite.index([comment(1, "reactie over koffie"), comment(2, "reactie over thee", hashtags=("wol",))])

    sqlite.rebuild([comment(3, "reactie over melk")])

    assert sqlite.search("koffie").total == 0 and sqlite.hashtag("wol").total == 0
    assert ids(sqlite.search("reactie")) == ["comment:3"]
    assert set(inspect(sqlite_engine).get_table_names()) >= {TABLE, TAGS_TABLE, WORDS_TABLE}


@pytest.mark.parametrize("text", ["\x00koffie", "koffie\x00thee", "\ufffd koffie", "koffie \U0001f642 thee"])
def test_unusual_characters_in_a_document_are_kept_and_found(sqlite: SqliteBackend, text: str) -> None:
    sqlite.index([comment(1, text)])

    assert ids(sqlite.search("koffie")) == ["comment:1"]


def test_migration_0020_makes_the_tables_and_takes_them_away(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'plein.sqlite3'}")
    config = db.alembic_config(engine)
    try:
        command.upgrade(config, "0019")
        assert TABLE not in inspect(engine).get_table_names()

        command.upgrade(config, "0020")
        search = SqliteBackend(engine, drain_lock=None)
        assert search.needs_rebuild  # empty: the service builds it at its start
        search.rebuild([comment(1, "reactie over koffie")])
        assert ids(search.search("koffie")) == ["comment:1"]

        command.downgrade(config, "0019")
        assert not {TABLE, TAGS_TABLE, WORDS_TABLE} & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


WRITERS = 3
COMMENTS_EACH = 10
CONTEXT = multiprocessing.get_context("spawn")


def _writing_process(database: Path, writer: int, go: Event, stop: Event, out: Any) -> None:
    """A worker: half its comments through `index`, half queued for its drain thread, which races the others'."""
    engine = db.make_engine(f"sqlite:///{database}")
    queued: list[int] = []
    lock = threading.Lock()

    def feed(apply: Apply) -> int:
        with lock:
            taken = queued[:]
        if taken and apply({f"comment:{n}": comment(n, f"Reactie kenmerk{n}q over de vergadering") for n in taken}):
            with lock:
                del queued[:len(taken)]
        return len(taken)

    search = SqliteBackend(engine, drain_lock=drain_lock_of(str(database)), drain_interval=0.1, feed=feed)
    search.rebuild_if_needed(lambda: [])  # as the service starts: the empty tables count as built once checked
    search.start()
    out.put(("ready", os.getpid()))
    try:
        go.wait(30)
        for number in range(writer * 100, writer * 100 + COMMENTS_EACH):
            if number % 2:
                search.index([comment(number, f"Reactie kenmerk{number}q over de vergadering")])
            else:
                with lock:
                    queued.append(number)
            out.put(("written", number, time.time()))
            search.search("vergadering")
            time.sleep(0.02)
        stop.wait(30)
    except Exception:  # noqa: BLE001 - reported to the test, which fails on it
        out.put(("error", os.getpid(), traceback.format_exc()))
    finally:
        search.close()
        engine.dispose()


def test_several_processes_write_drain_and_search_one_database(sqlite: SqliteBackend, tmp_path: Path) -> None:
    database = tmp_path / "plein.sqlite3"
    go, stop, out = CONTEXT.Event(), CONTEXT.Event(), CONTEXT.Queue()
    processes = [CONTEXT.Process(target=_writing_process, args=(database, n, go, stop, out)) for n in range(WRITERS)]
    for process in processes:
        process.start()
    written: dict[int, float] = {}
    found: dict[int, float] = {}
    errors: list[str] = []
    try:
        ready = [out.get(timeout=60) for _ in processes]  # spawned children import the service first
        assert all(message[0] == "ready" for message in ready), ready
        go.set()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(found) < WRITERS * COMMENTS_EACH:
            try:
                while True:
                    message = out.get_nowait()
                    if message[0] == "written":
                        written[message[1]] = message[2]
                    else:
                        errors.append(str(message[-1]))
            except queue.Empty:
                pass
            for number in set(written) - set(found):
                if sqlite.search(f"kenmerk{number}q").total == 1:
                    found[number] = time.time()
            time.sleep(0.05)
    finally:
        end_processes(processes, stop)

    assert not errors, "\n".join(errors)
    assert sorted(found) == sorted(written) and len(written) == WRITERS * COMMENTS_EACH
    assert max(found[number] - written[number] for number in found) <= 2.0
    assert sqlite.search("vergadering", limit=50).total == WRITERS * COMMENTS_EACH
    assert [process.exitcode for process in processes] == [0] * WRITERS
