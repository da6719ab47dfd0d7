"""The SQLite backend's own contract: one process drains at a time, the words it indexes are Whoosh's analyser's,
and migration 0020 makes (and takes away) its tables."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from search_factories import comment, ids
from sqlalchemy import Engine, inspect

from comments_service import db
from comments_service.search import SqliteBackend
from comments_service.search.schema import LANGUAGES, analyzer_for, words
from comments_service.search.sqlite_schema import TABLE, TAGS_TABLE, WORDS_TABLE
from comments_service.search.writerlock import writer_lock


def test_only_one_process_drains_at_a_time(open_sqlite: Callable[..., SqliteBackend], tmp_path: Path) -> None:
    fed: list[int] = []
    search = open_sqlite(feed=lambda apply: fed.append(1) or 1)
    search.rebuild([])

    with writer_lock(tmp_path / "plein.sqlite3-search-drain", blocking=False) as other_process:
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
