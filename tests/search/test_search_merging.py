"""Segments merge beside the index: drains go on meanwhile and nothing they commit is lost in the swap."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from comments_service.search import WhooshBackend, comment_doc_id, merging
from comments_service.search.merging import MERGE_FACTOR, TIER_BASE, pick, tier
from comments_service.search.store import IndexStore
from comments_service.search.writerlock import writer_lock
from search_factories import comment, ids, page, wait_until


class _Sized:
    """A stand-in for a Whoosh segment in the policy tests: only its counts matter there."""

    def __init__(self, live: int) -> None:
        self.live = live

    def doc_count(self) -> int:
        return self.live


def _segment_sizes(index_dir: Path) -> list[int]:
    """The live index's segment sizes, read from its newest TOC; read again when a commit of the writer threads
    removed that TOC between finding and opening it (this helper reads the files as no reader of the service does)."""
    for _ in range(50):
        try:
            _, ix = IndexStore(index_dir).open_index()
            return sorted(segment.doc_count() for segment in ix._segments())  # noqa: SLF001 - the TOC's segments
        except FileNotFoundError:
            continue
    raise AssertionError("the index's TOC kept changing under the reader")


def _while_building(monkeypatch: pytest.MonkeyPatch, meanwhile: Callable[[], object]) -> None:
    """Run `meanwhile` after the next merge is built and before it is swapped in, as another thread would."""
    build = merging.build

    def build_then(*args: Any) -> Any:
        built = build(*args)
        meanwhile()
        return built

    monkeypatch.setattr(merging, "build", build_then)


def _one_segment_per_drain(whoosh: WhooshBackend, count: int, text: str = "over koffie") -> None:
    for number in range(count):
        whoosh.index([comment(number, f"Reactie {number} {text}")])
        whoosh.drain()


def test_tiers_grow_with_the_log_of_live_documents() -> None:
    sizes = [1, TIER_BASE - 1, TIER_BASE, TIER_BASE * MERGE_FACTOR - 1, TIER_BASE * MERGE_FACTOR]
    assert [tier(_Sized(size)) for size in sizes] == [0, 0, 1, 1, 2]  # type: ignore[arg-type]


def test_the_lowest_full_tier_merges_and_fewer_segments_wait() -> None:
    small = [_Sized(400) for _ in range(MERGE_FACTOR)]
    middle = [_Sized(TIER_BASE * 2) for _ in range(MERGE_FACTOR)]
    big = _Sized(100_000)

    assert pick([big, *small[:-1]]) == []  # type: ignore[list-item]
    assert pick([big, *middle, *small]) == small  # type: ignore[list-item]
    assert pick([big, *middle, *small[:-1]]) == middle  # type: ignore[list-item]


def test_a_full_tier_of_segments_merges_into_one_with_every_document(whoosh: WhooshBackend, index_dir: Path) -> None:
    whoosh.rebuild([page("nieuws", "Nieuws over koffie")])
    _one_segment_per_drain(whoosh, MERGE_FACTOR)
    whoosh.remove([comment_doc_id(0)])
    whoosh.drain()

    assert whoosh.merge() == MERGE_FACTOR + 1  # the rebuilt page's small segment is of the same tier
    assert whoosh.merge() == 0

    assert _segment_sizes(index_dir) == [MERGE_FACTOR]  # the page and seven comments; the removed one is gone
    whoosh.refresh()
    assert sorted(ids(whoosh.search("koffie"))) == sorted(
        ["page:nieuws"] + [comment_doc_id(number) for number in range(1, MERGE_FACTOR)]
    )


def test_segments_whose_documents_are_all_deleted_merge_into_nothing(
    whoosh: WhooshBackend, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _one_segment_per_drain(whoosh, MERGE_FACTOR)

    def remove_the_rest() -> None:
        whoosh.remove([comment_doc_id(number) for number in range(1, MERGE_FACTOR)])
        whoosh.drain()

    whoosh.remove([comment_doc_id(0)])  # before the merge: left out of it
    whoosh.drain()
    _while_building(monkeypatch, remove_the_rest)

    assert whoosh.merge() == MERGE_FACTOR

    assert _segment_sizes(index_dir) == []
    whoosh.refresh()
    assert whoosh.search("koffie").total == 0


def test_changes_committed_while_a_merge_is_built_survive_the_swap(
    whoosh: WhooshBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(0, MERGE_FACTOR * 2, 2):  # two comments a segment
        whoosh.index([comment(number, "Reactie over koffie"), comment(number + 1, "Reactie over koffie")])
        whoosh.drain()
    whoosh.remove([comment_doc_id(6)])  # left out of the merge: the rest of its segment moves up
    whoosh.drain()

    def drains_go_on() -> None:
        whoosh.remove([comment_doc_id(7)])
        whoosh.index([comment(5, "Reactie 5, bewerkt, over thee")])
        whoosh.index([comment(100, "Een nieuwe reactie over koffie")])
        assert whoosh.drain() == 3  # the writer lock is free while a merge is built

    _while_building(monkeypatch, drains_go_on)

    assert whoosh.merge() == MERGE_FACTOR

    whoosh.refresh()
    kept = [number for number in (*range(MERGE_FACTOR * 2), 100) if number not in (5, 6, 7)]
    assert sorted(ids(whoosh.search("koffie"))) == sorted(comment_doc_id(number) for number in kept)
    assert ids(whoosh.search("thee")) == [comment_doc_id(5)]


def test_a_merge_built_on_an_index_rebuilt_meanwhile_is_dropped(
    whoosh: WhooshBackend, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _one_segment_per_drain(whoosh, MERGE_FACTOR)
    _while_building(monkeypatch, lambda: whoosh.rebuild([comment(42, "Alleen deze reactie over koffie")]))

    assert whoosh.merge() == 0

    assert ids(whoosh.search("koffie")) == [comment_doc_id(42)]
    assert not (index_dir / "merging").exists()


def test_one_process_merges_at_a_time(whoosh: WhooshBackend, index_dir: Path) -> None:
    _one_segment_per_drain(whoosh, MERGE_FACTOR)

    with writer_lock(index_dir / "merge.lock", blocking=True):
        assert whoosh.merge() == 0

    assert whoosh.merge() == MERGE_FACTOR


def test_the_writer_threads_merge_on_their_own(open_backend: Callable[..., WhooshBackend], index_dir: Path) -> None:
    search = open_backend(drain_interval=0.05, merge_interval=0.05, fsync=False)
    search.rebuild([])
    search.start()
    for number in range(MERGE_FACTOR * 2):
        search.index([comment(number, f"Reactie {number} over koffie")])
        assert wait_until(lambda: search.pending_changes == 0)

    assert wait_until(lambda: len(_segment_sizes(index_dir)) < MERGE_FACTOR)
    assert wait_until(lambda: search.search("koffie").total == MERGE_FACTOR * 2)
