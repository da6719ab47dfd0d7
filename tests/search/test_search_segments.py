"""A commit skips the segments that cannot hold a document: those whose newest comment is older than it."""

from __future__ import annotations

from pathlib import Path

import pytest

from comments_service.search import WhooshBackend, comment_doc_id, page_doc_id
from comments_service.search.documents import comment_number
from comments_service.search.segments import SegmentLeaves
from comments_service.search.store import IndexStore
from search_factories import comment, drain_each, ids, page


def _newest_per_segment(leaves: SegmentLeaves, index_dir: Path) -> list[int]:
    _, searcher = IndexStore(index_dir).open_searcher()
    with searcher:
        return sorted(leaf.newest_comment for leaf in leaves.of(searcher))


@pytest.mark.parametrize(
    ("doc_id", "number"),
    [(comment_doc_id(12), 12), (comment_doc_id(0), 0), (page_doc_id("nieuws"), None),
     (page_doc_id("comment:3"), None), ("comment:", None), ("comment:-1", None), ("comment:1a", None)],
)
def test_comment_number_reads_only_comment_ids(doc_id: str, number: int | None) -> None:
    assert comment_number(doc_id) == number


def test_each_segment_knows_its_newest_comment_by_number_not_by_spelling(
    whoosh: WhooshBackend, index_dir: Path
) -> None:
    drain_each(
        whoosh,
        [comment(9, "negen"), comment(10, "tien"), page("nieuws", "Een pagina")],  # "10" < "9" as text
        [page("over-ons", "Alleen een pagina")],
    )

    assert _newest_per_segment(SegmentLeaves(), index_dir) == [0, 10]


def test_new_comments_skip_every_segment_and_older_ones_are_looked_up(
    whoosh: WhooshBackend, index_dir: Path
) -> None:
    whoosh.index([comment(5, "vijf")])
    whoosh.drain()
    _, searcher = IndexStore(index_dir).open_searcher()
    with searcher:
        [leaf] = SegmentLeaves().of(searcher)

    assert not leaf.may_hold(comment_number(comment_doc_id(6)))
    assert leaf.may_hold(comment_number(comment_doc_id(5)))
    assert leaf.may_hold(comment_number(comment_doc_id(4)))  # committed later than 5 (PostgreSQL's ids may)
    assert leaf.may_hold(comment_number(page_doc_id("nieuws")))


def test_a_comment_committed_after_a_newer_one_is_still_replaced_once(whoosh: WhooshBackend) -> None:
    """Ids need not reach the index in order; the shortcut only ever skips segments that cannot hold an id."""
    drain_each(
        whoosh,
        [comment(7, "zeven over de kantine")],
        [comment(6, "zes over de kantine")],
        [comment(6, "zes, bewerkt, over de kantine")],
    )

    assert sorted(ids(whoosh.search("kantine"))) == ["comment:6", "comment:7"]
    assert ids(whoosh.search("bewerkt")) == ["comment:6"]


def test_segments_merged_away_are_forgotten(whoosh: WhooshBackend, index_dir: Path) -> None:
    leaves = SegmentLeaves()
    whoosh.index([comment(1, "een")])
    whoosh.drain()
    assert _newest_per_segment(leaves, index_dir) == [1]

    whoosh.rebuild([comment(2, "twee"), comment(3, "drie")])

    assert _newest_per_segment(leaves, index_dir) == [3]
    assert len(leaves) == 1  # the rebuilt index's one segment; the old one is gone
