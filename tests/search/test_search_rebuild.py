"""The index is derived data: rebuilt atomically, and rebuilt by itself when missing or damaged."""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from comments_service.search import SearchBackend, SearchDocument, SearchUnavailable, WhooshBackend
from search_factories import comment, ids, page


def _index_dirs(index_dir: Path) -> list[Path]:
    return sorted(path for path in index_dir.iterdir() if path.name.startswith("ix-"))


def _live_dir(index_dir: Path) -> Path:
    return index_dir / (index_dir / "CURRENT").read_text(encoding="utf-8")


def test_rebuild_serves_the_old_index_until_the_new_one_is_complete(backend: SearchBackend) -> None:
    backend.rebuild([comment(1, "oude reactie over koffie")])
    seen_during_build: list[list[str]] = []

    def new_documents() -> Iterator[SearchDocument]:
        yield comment(2, "nieuwe reactie over koffie")
        seen_during_build.append(ids(backend.search("koffie")))
        yield page("koffie", "Alles over koffie")

    assert backend.rebuild(new_documents()) == 2

    assert seen_during_build == [["comment:1"]]
    assert sorted(ids(backend.search("koffie"))) == ["comment:2", "page:koffie"]


def test_rebuild_reports_progress(backend: SearchBackend) -> None:
    counted: list[int] = []

    assert backend.rebuild((comment(n, "reactie") for n in range(600)), progress=counted.append) == 600

    assert counted == [500, 100]


def test_whoosh_keeps_two_generations_at_most(whoosh: WhooshBackend, index_dir: Path) -> None:
    for round_ in range(2):  # plus the fixture's empty build: three generations made
        whoosh.rebuild(comment(n, f"reactie {round_}") for n in range(10))

    assert len(_index_dirs(index_dir)) == 2


def _broken() -> Iterator[SearchDocument]:
    yield comment(2, "half")
    raise RuntimeError("database went away")


def test_a_failing_source_leaves_the_old_index_live(backend: SearchBackend) -> None:
    backend.rebuild([comment(1, "reactie over koffie")])

    with pytest.raises(RuntimeError):
        backend.rebuild(_broken())

    assert ids(backend.search("koffie")) == ["comment:1"]
    assert backend.search("half").total == 0


def test_whoosh_discards_a_failed_build(whoosh: WhooshBackend, index_dir: Path) -> None:
    before = _index_dirs(index_dir)

    with pytest.raises(RuntimeError):
        whoosh.rebuild(_broken())

    assert _index_dirs(index_dir) == before


def test_whoosh_applies_changes_spooled_during_a_rebuild_to_the_new_index(whoosh: WhooshBackend) -> None:
    def documents() -> Iterator[SearchDocument]:
        yield comment(1, "reactie over koffie")
        whoosh.index([comment(2, "tijdens de herbouw over koffie")])
        whoosh.remove(["comment:1"])

    whoosh.rebuild(documents())
    whoosh.drain()

    assert ids(whoosh.search("koffie")) == ["comment:2"]


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]


def test_missing_index_is_reported_and_rebuilt_once(
    open_backend: Callable[..., WhooshBackend], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="comments_service.search")
    search = open_backend()
    assert search.needs_rebuild
    with pytest.raises(SearchUnavailable):
        search.search("koffie")

    assert search.rebuild_if_needed(lambda: [comment(1, "reactie over koffie")])

    assert not search.needs_rebuild
    assert ids(search.search("koffie")) == ["comment:1"]
    assert not search.rebuild_if_needed(lambda: pytest.fail("a readable index must not be rebuilt"))
    assert _warnings(caplog) == []  # a first start is no cause for alarm: it says so at INFO
    assert any("no search index" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("damage", ["garbage", "truncate", "delete_segments"])
def test_corrupted_index_is_detected_at_start_and_rebuilt(
    index_dir: Path, open_backend: Callable[..., WhooshBackend], damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    with WhooshBackend(index_dir) as first:
        first.rebuild([comment(n, f"reactie {n} over koffie") for n in range(50)])
    for path in _live_dir(index_dir).iterdir():
        if damage == "garbage":
            path.write_bytes(b"\x00garbage\xff" * 10)
        elif damage == "truncate":
            path.write_bytes(path.read_bytes()[:9])
        elif not path.name.endswith(".toc"):
            path.unlink()

    search = open_backend()

    assert search.needs_rebuild
    assert any("needs a rebuild" in message for message in _warnings(caplog))  # damage is worth a warning
    assert search.rebuild_if_needed(lambda: [comment(1, "reactie over koffie")])
    assert ids(search.search("koffie")) == ["comment:1"]


def test_lasting_damage_found_while_running_calls_back_once(
    index_dir: Path, open_backend: Callable[..., WhooshBackend]
) -> None:
    reasons: list[str] = []
    search = open_backend(refresh_interval=0.0, damage_grace=0.3, on_needs_rebuild=reasons.append)
    search.rebuild([comment(1, "reactie over koffie")])
    assert ids(search.search("koffie")) == ["comment:1"]

    shutil.rmtree(_live_dir(index_dir))

    assert ids(search.search("koffie")) == ["comment:1"]  # within the grace the open searcher serves
    assert not reasons and not search.needs_rebuild
    time.sleep(0.35)
    for _ in range(2):
        with pytest.raises(SearchUnavailable):
            search.search("koffie")
    assert len(reasons) == 1 and search.needs_rebuild

    search.rebuild_if_needed(lambda: [comment(1, "reactie over koffie")])
    assert ids(search.search("koffie")) == ["comment:1"]


def test_another_process_rebuilding_is_picked_up_by_readers(
    whoosh: WhooshBackend, open_backend: Callable[..., WhooshBackend]
) -> None:
    open_backend().rebuild([page("nieuw", "herbouwd door een ander proces")])

    assert ids(whoosh.search("herbouwd")) == ["page:nieuw"]
