"""The PostgreSQL backend's own contract: one writer drains across hosts, a common word ranks from few rows.

What it shares with the SQLite backend is in test_search_in_database.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import psycopg
import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, event, text

from comments_service import db
from comments_service.search import PostgresBackend, SearchUnavailable, pg_reads
from comments_service.search.clauses import Clause, parse
from search_factories import comment, ids, page, wait_until

LOCK = "SELECT pg_advisory_lock(CAST(CAST('search_documents' AS regclass) AS oid)::bigint)"


def test_only_one_process_drains_at_a_time(open_postgres: Callable[..., PostgresBackend], pg_engine: Engine) -> None:
    fed: list[int] = []
    search = open_postgres(feed=lambda apply: fed.append(1) or 1)
    search.rebuild([])

    with pg_engine.connect() as other_writer:
        other_writer.execute(text(LOCK))
        assert search.drain() == 0
        other_writer.rollback()  # the session lock outlives transactions: the connection's end frees it
        other_writer.invalidate()

    # The server frees it as that connection's process exits, a moment after the close (2 runs in 15 failed
    # when the drain came at once).
    assert wait_until(lambda: search.drain() == 1, timeout=2.0) and fed == [1]


def test_or_and_not_read_as_the_whoosh_parser_reads_them() -> None:
    assert parse("koffie thee OR melk NOT suiker") == [
        Clause(("koffie",)), Clause(("thee", "melk")), Clause(("suiker",), negated=True)
    ]


def test_an_unreachable_database_answers_search_unavailable(pg_engine: Engine) -> None:
    engine = create_engine(pg_engine.url)  # a pool of its own, whose new connections are refused below
    search = PostgresBackend(engine)
    search.rebuild([])
    engine.dispose()

    @event.listens_for(engine, "do_connect")
    def refuse(*_: object) -> None:
        raise psycopg.OperationalError("connection refused")

    with pytest.raises(SearchUnavailable):
        search.search("koffie")
    with pytest.raises(SearchUnavailable):
        search.hashtag("wol")



def test_a_one_word_page_comes_from_the_documents_stressing_it_as_the_full_ranking_gives_it(
    postgres: PostgresBackend, pg_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """41 documents stress `koffie` (hold it twice or more, or in the title): the four pages of ten they fill
    come from them alone, the pages after from them followed by the others newest first, none ranked by its
    whole vector, and each is the page the full ranking gives."""
    postgres.rebuild([page("koffie", "Over koffie.", title="Koffie"),
                      *(comment(n, "koffie " * (n % 3 + 1) + "en vulling", day=n % 5) for n in range(60))])
    asked = [(kind, offset) for kind in (None, "comment") for offset in range(0, 70, 10)]
    rankings: list[str] = []

    def record(_connection: object, _cursor: object, statement: str, *_: object) -> None:
        if "ts_rank" in statement:
            rankings.append("stressed, then once" if "NOT stressed @@" in statement
                            else "by vector" if "vector @@" in statement else "stressed")

    event.listen(pg_engine, "before_cursor_execute", record)
    try:
        first_pass = [ids(postgres.search("koffie", kind=kind, limit=10, offset=offset)) for kind, offset in asked]
    finally:
        event.remove(pg_engine, "before_cursor_execute", record)
    readings = pg_reads.readings
    monkeypatch.setattr(pg_reads, "readings", lambda *args: replace(readings(*args), one_word=False))
    full = [ids(postgres.search("koffie", kind=kind, limit=10, offset=offset)) for kind, offset in asked]

    assert first_pass == full
    everything = [doc_id for page_ids in full[:7] for doc_id in page_ids]
    assert everything[0] == "page:koffie" and len(set(everything)) == len(everything) == 61
    per_page = ["stressed"] * 4 + ["stressed", "stressed, then once"] * 3
    assert rankings == per_page + per_page


def test_migration_0013_fills_the_stressed_words_and_the_tags_of_the_documents_there(pg_unmigrated: Engine) -> None:
    config = db.alembic_config(pg_unmigrated)
    command.upgrade(config, "0012")
    with pg_unmigrated.begin() as connection:  # a document as 0005's table held it
        connection.execute(text(
            "INSERT INTO search_documents"
            " (doc_id, kind, page_id, title, url, text, language, hashtags, created, vector) VALUES"
            " ('comment:1', 'comment', 'nieuws', 'Nieuws', 'nieuws/#comment-1', 'Koffie, koffie en thee #wol',"
            " 'nl', '{wol}', '2026-01-01T09:00:00Z', to_tsvector('dutch', 'Koffie, koffie en thee #wol'))"
        ))

    command.upgrade(config, "0013")

    with pg_unmigrated.connect() as connection:
        stressed = connection.execute(text("SELECT CAST(stressed AS text) FROM search_documents")).scalar_one()
    assert stressed == "'koffie':1,2"  # held twice; thee and wol once
    search = PostgresBackend(pg_unmigrated)
    assert ids(search.hashtag("wol")) == ["comment:1"] and ids(search.search("koffie")) == ["comment:1"]

    command.downgrade(config, "0012")

    with pg_unmigrated.connect() as connection:
        assert connection.execute(text("SELECT to_regclass('search_hashtags')")).scalar_one() is None
        assert "stressed" not in connection.execute(text("SELECT * FROM search_documents")).keys()
