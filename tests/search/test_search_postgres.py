"""The PostgreSQL backend's own contract: writes land at once, one writer drains across hosts, bad input is safe."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace

import psycopg
import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, event, text

from comments_service import db
from comments_service.search import Apply, PostgresBackend, SearchDocument, SearchUnavailable, pg_reads
from comments_service.search.pg_query import Clause, parse
from search_factories import comment, ids, page, wait_until

LOCK = "SELECT pg_advisory_lock(CAST(CAST('search_documents' AS regclass) AS oid)::bigint)"


def test_an_indexed_document_is_found_at_once_by_every_host(
    postgres: PostgresBackend, open_postgres: Callable[..., PostgresBackend]
) -> None:
    postgres.index([comment(1, "Oude reactie")])
    other_host = open_postgres()

    postgres.index([comment(2, "Nieuwe vergaderingen gepland")])

    assert ids(other_host.search("vergadering")) == ["comment:2"]
    assert postgres.drain() == 0  # without a feed there is nothing waiting


def test_a_drain_takes_the_feed_and_commits_before_the_feed_moves_on(
    postgres: PostgresBackend, open_postgres: Callable[..., PostgresBackend]
) -> None:
    seen_by_reader: list[list[str]] = []

    def feed(apply: Apply) -> int:
        assert apply({"comment:1": comment(1, "Reactie over koffie"), "comment:2": None})
        seen_by_reader.append(ids(postgres.search("koffie")))  # another connection: committed already
        return 2

    assert open_postgres(feed=feed).drain() == 2
    assert seen_by_reader == [["comment:1"]]


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


def test_the_drain_thread_finds_queued_changes_within_two_seconds(open_postgres: Callable[..., PostgresBackend]) -> None:
    queued = [comment(1, "Reactie over de lunchvergadering")]

    def feed(apply: Apply) -> int:
        changes = {doc.doc_id: doc for doc in queued}
        queued.clear()
        return len(changes) if apply(changes) else 0

    search = open_postgres(feed=feed, drain_interval=0.05)
    search.rebuild([])
    search.start()

    assert wait_until(lambda: search.search("lunchvergadering").total == 1, timeout=2.0)


def test_writes_during_a_rebuild_wait_for_it_and_win(postgres: PostgresBackend) -> None:
    building = threading.Event()
    written = threading.Event()

    def documents() -> Iterator[SearchDocument]:
        yield comment(1, "oude reactie over koffie")
        building.set()
        assert not written.wait(0.3)  # the other host's remove waits for the rebuild's commit
        yield comment(2, "reactie over koffie")

    def other_host() -> None:
        building.wait(5)
        postgres.remove(["comment:1"])
        written.set()

    thread = threading.Thread(target=other_host)
    thread.start()
    postgres.rebuild(documents())
    thread.join(5)

    assert written.is_set()
    assert ids(postgres.search("koffie")) == ["comment:2"]


def test_an_empty_table_needs_a_build_and_answers_503_until_then(
    open_postgres: Callable[..., PostgresBackend],
) -> None:
    first, second = open_postgres(), open_postgres()
    assert first.needs_rebuild and second.needs_rebuild
    with pytest.raises(SearchUnavailable):
        first.search("koffie")

    assert first.rebuild_if_needed(lambda: [comment(1, "reactie over koffie")])
    assert not second.rebuild_if_needed(lambda: pytest.fail("built already by another process"))

    assert ids(second.search("koffie")) == ["comment:1"]
    assert not open_postgres().needs_rebuild


@pytest.mark.parametrize(
    "query",
    ['"onafgesloten', "koffie & thee", "koffie | thee", "!koffie", "koffie:*", "koffie:* & !", "(((", "'", "\\",
     "koffie <-> thee", "a" * 5000, "koffie " * 500, "ΚΑΦΈΣ", "кофе", "咖啡", "🙂 koffie", "NOT", "OR OR koffie"],
)
def test_query_syntax_postgresql_would_refuse_is_read_as_words(postgres: PostgresBackend, query: str) -> None:
    postgres.rebuild([comment(1, "koffie en thee"), comment(2, "Καφές, кофе en 咖啡")])

    results = postgres.search(query)

    assert results.total == len(results.hits) <= 2


def test_exclusions_alone_match_nothing(postgres: PostgresBackend) -> None:
    postgres.rebuild([comment(1, "koffie"), comment(2, "thee")])

    assert postgres.search("NOT koffie").total == 0
    assert ids(postgres.search("thee NOT koffie")) == ["comment:2"]


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
