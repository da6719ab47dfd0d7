"""Changes reach the index (with Whoosh through the spool, whose net result the writer applies), and a later
remove always wins; the PostgreSQL backend's writes are in test_search_postgres.py."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from comments_service.search import SearchBackend, WhooshBackend
from comments_service.search.spool import Change, coalesce
from comments_service.search.writerlock import writer_lock
from search_factories import comment, drain_each, ids, wait_until


def test_whoosh_indexes_a_comment_at_the_next_drain(whoosh: WhooshBackend) -> None:
    whoosh.index([comment(1, "Nieuwe vergaderingen gepland")])
    assert whoosh.search("vergadering").total == 0  # only queued so far

    assert whoosh.drain() == 1

    assert ids(whoosh.search("vergadering")) == ["comment:1"]
    assert whoosh.pending_changes == 0


def test_remove_after_add_in_the_same_drain_wins(backend: SearchBackend) -> None:
    backend.index([comment(1, "Verborgen reactie over koffie")])
    backend.remove(["comment:1"])
    backend.index([comment(2, "Zichtbare reactie over koffie")])

    backend.drain()

    assert ids(backend.search("koffie")) == ["comment:2"]


def test_remove_of_a_committed_document(backend: SearchBackend) -> None:
    backend.index([comment(1, "Reactie over koffie", hashtags=("gedoe",))])
    backend.drain()
    backend.remove(["comment:1"])
    backend.drain()

    assert backend.search("koffie").total == 0
    assert backend.hashtag("gedoe").total == 0


def test_each_change_replaces_the_one_live_copy_across_segments(backend: SearchBackend) -> None:
    """Every drain writes a segment; a document changed in a later one leaves a deleted copy behind."""
    drain_each(
        backend,
        [comment(1, "Eerste tekst over de fietsenstalling"), comment(2, "Ook over de fietsenstalling")],
        [comment(1, "Tweede tekst over de fietsenstalling")],
        [comment(1, "Derde tekst over de fietsenstalling")],
    )

    assert sorted(ids(backend.search("fietsenstalling"))) == ["comment:1", "comment:2"]
    assert ids(backend.search("derde")) == ["comment:1"]
    assert backend.search("eerste").total == backend.search("tweede").total == 0

    backend.remove(["comment:1"])  # the older segments hold only deleted copies of it now
    backend.drain()
    backend.remove(["comment:1"])  # and once more, as a replayed change would
    backend.drain()

    assert ids(backend.search("fietsenstalling")) == ["comment:2"]


def test_re_adding_after_remove_shows_it_again(backend: SearchBackend) -> None:
    backend.index([comment(1, "Reactie over koffie")])
    backend.remove(["comment:1"])
    backend.index([comment(1, "Teruggezette reactie over koffie")])
    backend.drain()

    [hit] = backend.search("koffie").hits
    assert "Teruggezette" in hit.snippet


def test_an_edit_replaces_the_document(backend: SearchBackend) -> None:
    drain_each(backend, [comment(1, "Eerste versie over thee")], [comment(1, "Tweede versie over koffie")])

    assert backend.search("thee").total == 0
    assert ids(backend.search("koffie")) == ["comment:1"]


def test_coalesce_keeps_the_last_state_per_document() -> None:
    first, second = comment(1, "a"), comment(1, "b")
    changes = [Change("add", docs=(first,)), Change("remove", doc_ids=("comment:1", "comment:9")),
               Change("add", docs=(second,))]

    assert coalesce(changes) == {"comment:9": None, "comment:1": second}


def test_a_garbled_spool_file_is_set_aside_and_the_rest_applied(whoosh: WhooshBackend, index_dir: Path) -> None:
    (index_dir / "spool" / "00000000000000000001-1-1-00000000.json").write_text("{not json", encoding="utf-8")
    whoosh.index([comment(1, "Reactie over koffie")])

    whoosh.drain()

    assert ids(whoosh.search("koffie")) == ["comment:1"]
    assert [path.name for path in (index_dir / "spool" / "bad").iterdir()] == [
        "00000000000000000001-1-1-00000000.json"
    ]


def test_spooled_change_is_one_whole_json_file(whoosh: WhooshBackend, index_dir: Path) -> None:
    whoosh.remove(["comment:3"])

    [path] = [p for p in (index_dir / "spool").iterdir() if p.is_file()]
    assert json.loads(path.read_text(encoding="utf-8")) == {"op": "remove", "docs": [], "doc_ids": ["comment:3"]}


def test_writer_thread_drains_without_being_asked(open_backend: Callable[..., WhooshBackend]) -> None:
    search = open_backend(drain_interval=0.05, refresh_interval=0.0)
    search.rebuild([])
    search.start()

    search.index([comment(1, "Reactie over de vergaderingen")])

    assert wait_until(lambda: search.search("vergadering").total == 1, timeout=2.0)


def test_only_the_lock_holder_drains(whoosh: WhooshBackend, index_dir: Path) -> None:
    whoosh.index([comment(1, "Reactie over koffie")])
    with writer_lock(index_dir / "writer.lock", blocking=True) as held:
        assert held
        assert whoosh.drain() == 0
    assert whoosh.drain() == 1
