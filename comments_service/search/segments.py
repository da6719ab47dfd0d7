"""The committed segments a Whoosh commit looks into, each with the highest comment number it holds.

Before adding a document the writer deletes its live copy, and finding that copy asks every segment's term
table. A new comment has a number above every comment already indexed, so the segments whose highest comment
number is below it cannot hold it and are skipped: for a batch of new comments, no look-up at all. A segment
never gains documents after its commit, so its highest number is read once (a pass over its `comment:`
terms, deleted copies included, which only makes it an upper bound) and kept while the segment lives.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from .documents import comment_doc_id, comment_number


@dataclass(frozen=True)
class Leaf:
    """One segment: its reader, the number of its first document in the whole index, its highest comment."""

    reader: IndexReader
    offset: int
    newest_comment: int

    def may_hold(self, comment: int | None) -> bool:
        """False when the segment cannot hold this comment (`comment_number` of a search id; None for a page)
        because it is newer than the segment's newest; True otherwise."""
        return comment is None or comment <= self.newest_comment


class SegmentLeaves:
    """Hands out a searcher's segments as `Leaf`s, remembering each segment's highest comment number."""

    def __init__(self) -> None:
        self._newest: dict[str, int] = {}

    def __len__(self) -> int:
        """How many segments are remembered: the live ones as of the last `of`."""
        return len(self._newest)

    def of(self, searcher: Searcher) -> list[Leaf]:
        """The searcher's segments; forgets the segments that are gone (merged away or replaced by a rebuild)."""
        leaves: list[Leaf] = []
        kept: dict[str, int] = {}
        for reader, offset in searcher.reader().leaf_readers():
            segment = reader.segment()
            if segment is None:  # an empty index: no segment, no documents
                continue
            key = segment.segment_id()
            newest = self._newest.get(key)
            if newest is None:
                newest = _newest_comment(reader)
            kept[key] = newest
            leaves.append(Leaf(reader, offset, newest))
        self._newest = kept
        return leaves


_PREFIX = comment_doc_id("")


def _newest_comment(reader: IndexReader) -> int:
    """The highest comment number with a term in this segment's `doc_id` field; 0 when it holds none."""
    numbers = (comment_number(term.decode()) for term in reader.expand_prefix("doc_id", _PREFIX))
    return max((number for number in numbers if number is not None), default=0)
