"""What the backends searching the service's own database (SQLite's FTS5, PostgreSQL's full text) promise alike:
writes land at once for every process, drains commit before the feed moves on, bad input is read as words."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from search_factories import comment, ids, wait_until

from comments_service.search import (
    Apply,
    PostgresBackend,
    SearchDocument,
    SearchUnavailable,
    SqliteBackend,
)

DatabaseBackend = SqliteBackend | PostgresBackend


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def open_in_database(request: pytest.FixtureRequest) -> Callable[..., DatabaseBackend]:
    """Opens backends on one database of each kind in turn, like several processes or hosts."""
    opener: Callable[..., DatabaseBackend] = request.getfixturevalue(f"open_{request.param}")
    return opener


@pytest.fixture
def in_database(open_in_database: Callable[..., DatabaseBackend]) -> DatabaseBackend:
    """A backend of each kind on empty tables, built, without a drain thread."""
    search = open_in_database()
    search.rebuild([])
    return search


def test_an_indexed_document_is_found_at_once_by_every_host(
    in_database: DatabaseBackend, open_in_database: Callable[..., DatabaseBackend]
) -> None:
    in_database.index([comment(1, "Oude reactie")])
    other_host = open_in_database()

    in_database.index([comment(2, "Nieuwe vergaderingen gepland")])

    assert ids(other_host.search("vergadering")) == ["comment:2"]
    assert in_database.drain() == 0  # without a feed there is nothing waiting


def test_a_drain_takes_the_feed_and_commits_before_the_feed_moves_on(
    in_database: DatabaseBackend, open_in_database: Callable[..., DatabaseBackend]
) -> None:
    seen_by_reader: list[list[str]] = []

    def feed(apply: Apply) -> int:
        assert apply({"comment:1": comment(1, "Reactie over koffie"), "comment:2": None})
        seen_by_reader.append(ids(in_database.search("koffie")))  # another connection: committed already
        return 2

    assert open_in_database(feed=feed).drain() == 2
    assert seen_by_reader == [["comment:1"]]


def test_the_drain_thread_finds_queued_changes_within_two_seconds(
    open_in_database: Callable[..., DatabaseBackend],
) -> None:
    queued = [comment(1, "Reactie over de lunchvergadering")]

    def feed(apply: Apply) -> int:
        changes = {doc.doc_id: doc for doc in queued}
        queued.clear()
        return len(changes) if apply(changes) else 0

    search = open_in_database(feed=feed, drain_interval=0.05)
    search.rebuild([])
    search.start()

    assert wait_until(lambda: search.search("lunchvergadering").total == 1, timeout=2.0)


def test_writes_during_a_rebuild_wait_for_it_and_win(in_database: DatabaseBackend) -> None:
    building = threading.Event()
    written = threading.Event()

    def documents() -> Iterator[SearchDocument]:
        yield comment(1, "oude reactie over koffie")
        building.set()
        assert not written.wait(0.3)  # the other host's remove waits for the rebuild's commit
        yield comment(2, "reactie over koffie")

    def other_host() -> None:
        building.wait(5)
        in_database.remove(["comment:1"])
        written.set()

    thread = threading.Thread(target=other_host)
    thread.start()
    in_database.rebuild(documents())
    thread.join(5)

    assert written.is_set()
    assert ids(in_database.search("koffie")) == ["comment:2"]


def test_an_empty_table_needs_a_build_and_answers_503_until_then(
    open_in_database: Callable[..., DatabaseBackend],
) -> None:
    first, second = open_in_database(), open_in_database()
    assert first.needs_rebuild and second.needs_rebuild
    with pytest.raises(SearchUnavailable):
        first.search("koffie")

    assert first.rebuild_if_needed(lambda: [comment(1, "reactie over koffie")])
    assert not second.rebuild_if_needed(lambda: pytest.fail("built already by another process"))

    assert ids(second.search("koffie")) == ["comment:1"]
    assert not open_in_database().needs_rebuild


@pytest.mark.parametrize(
    "query",
    ['"onafgesloten', "koffie & thee", "koffie | thee", "!koffie", "koffie:*", "koffie:* & !", "(((", "'", "\\",
     "koffie <-> thee", "a" * 5000, "koffie " * 500, "ΚΑΦΈΣ", "кофе", "咖啡", "🙂 koffie", "NOT", "OR OR koffie",
     "text_nl:koffie", "{title_en text_en} : koffie", "NEAR(koffie thee)", "koffie*", "^koffie", "+koffie",
     "-koffie", '"koffie" "thee"', "koffie AND", "AND", "koffie NOT", 'k"o"f"f"i"e', "search_words", "rank:1"],
)
def test_query_syntax_the_database_would_refuse_is_read_as_words(in_database: DatabaseBackend, query: str) -> None:
    in_database.rebuild([comment(1, "koffie en thee"), comment(2, "Καφές, кофе en 咖啡")])

    results = in_database.search(query)

    assert results.total == len(results.hits) <= 2


def test_exclusions_alone_match_nothing(in_database: DatabaseBackend) -> None:
    in_database.rebuild([comment(1, "koffie"), comment(2, "thee")])

    assert in_database.search("NOT koffie").total == 0
    assert ids(in_database.search("thee NOT koffie")) == ["comment:2"]
