"""Merging segments beside the index, so that no drain ever waits on a merge.

Each drain commits its changes as one new small segment, and searches slow down as segments pile up, so they
must be merged. Whoosh merges inside a commit, under the one writer lock: under a write load a merge of 6,000
comments held the drains up for 2 s, and new comments became findable only 3-4 s after they were written.

Here a merge is built in a directory of its own, without the writer lock: the segments it reads never change
after their commit, except for their lists of deleted documents. Only the swap takes the lock: a commit that
moves the merged segment's files into the index, carries over the deletions made meanwhile to the segments it
replaces, and writes a table of contents that lists the merged segment in their place.

Which segments merge is a tiered policy: a segment's tier grows with the log of its live documents, and
`MERGE_FACTOR` segments of one tier merge into one of the next. Every document is merged about once per tier
(a few times in all), at most `MERGE_FACTOR - 1` segments wait in each tier, and a segment with many deleted
documents drops to a lower tier, where it soon merges and sheds them.
"""

from __future__ import annotations

import math
import os
import shutil
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from whoosh.codec.base import Segment
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from .store import CODEC, CORRUPTION_ERRORS, IndexStore
from .writerlock import writer_lock

MERGE_FACTOR = 8
"""Segments of one tier merged at once."""
TIER_BASE = 1000
"""Live documents a segment of the first tier may hold; each further tier holds `MERGE_FACTOR` times more."""
COMPOUND_LIMIT = 5000
"""Merged segments with fewer documents are one compound file; bigger ones keep their files apart (store.py)."""


def tier(segment: Segment) -> int:
    """0 below `TIER_BASE` live documents, then one more for every `MERGE_FACTOR` times as many."""
    live = segment.doc_count()
    return 0 if live < TIER_BASE else int(math.log(live / TIER_BASE, MERGE_FACTOR)) + 1


def pick(segments: Sequence[Segment]) -> list[Segment]:
    """The segments to merge now: every segment of the lowest tier holding `MERGE_FACTOR` or more; else none."""
    tiers: dict[int, list[Segment]] = {}
    for segment in segments:
        tiers.setdefault(tier(segment), []).append(segment)
    for level in sorted(tiers):
        if len(tiers[level]) >= MERGE_FACTOR:
            return tiers[level]
    return []


def latest_toc(ix: FileIndex) -> TOC:
    """The index's latest table of contents: its schema and segments (one small file, read fresh).

    Read once per merge: `ix.schema` would read the latest again at each use, and a commit meanwhile deletes
    the one it found.
    """
    return TOC.read(ix.storage, ix.indexname)


@dataclass(frozen=True)
class BuiltMerge:
    """A merged segment waiting in `directory`, and the sources it replaces as they were when it was built."""

    segment: Segment
    directory: Path
    sources: tuple[Segment, ...]
    deleted_then: tuple[tuple[int, ...], ...]
    """Per source, its deleted document numbers at the start of the merge, sorted (those were left out)."""

    def replace_in(self, segments: Sequence[Segment]) -> list[Segment] | None:
        """`segments` with the sources swapped for the merged segment, which takes over the deletions made to
        them since (and is left out when nothing of it is live); None when a source is gone (the index was
        rebuilt meanwhile)."""
        current = {segment.segment_id(): segment for segment in segments}
        if any(source.segment_id() not in current for source in self.sources):
            return None
        base = 0
        for source, deleted_then in zip(self.sources, self.deleted_then):
            then = set(deleted_then)
            for docnum in current[source.segment_id()].deleted_docs():
                if docnum not in then:  # deleted during the merge: delete its copy in the merged segment
                    self.segment.delete_document(base + docnum - bisect_left(deleted_then, docnum))
            base += source.doc_count_all() - len(deleted_then)
        replaced = {source.segment_id() for source in self.sources}
        kept = [segment for segment in segments if segment.segment_id() not in replaced]
        return kept + [self.segment] if self.segment.doc_count() else kept

    def move_into(self, ix: FileIndex) -> None:
        """Move the merged segment's files into the index's directory (same file system: renames)."""
        target = Path(ix.storage.folder)
        for name in self.segment.list_files(FileStorage(str(self.directory))):
            os.replace(self.directory / name, target / name)

    def discard(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


def build(ix: FileIndex, toc: TOC, sources: Sequence[Segment], directory: Path) -> BuiltMerge:
    """Write the live documents of `sources` (segments of `toc`) into one new segment in `directory`.

    Needs no lock: the sources' files stay until a table of contents without them is written, which only the
    swap of this merge does.
    """
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    scratch = FileStorage(str(directory)).create_index(toc.schema, indexname=ix.indexname)
    documents = sum(source.doc_count() for source in sources)
    # `_lk=False`: the scratch index is this merge's alone. The segment is finished the way Whoosh's own
    # multiprocessing writer finishes its parts, without a table of contents of its own.
    writer = SegmentWriter(scratch, _lk=False, codec=CODEC, compound=documents < COMPOUND_LIMIT, limitmb=128)
    deleted_then = tuple(tuple(sorted(source.deleted_docs())) for source in sources)
    try:
        for source in sources:
            reader = SegmentReader(ix.storage, toc.schema, source)
            try:
                writer.add_reader(reader)
            finally:
                reader.close()
        segment = writer._finalize_segment()  # noqa: SLF001 - see above
    except BaseException:
        writer.cancel()
        shutil.rmtree(directory, ignore_errors=True)
        raise
    writer._finish()  # noqa: SLF001 - drops the writer's temporary files
    return BuiltMerge(segment, directory, tuple(sources), deleted_then)


def merge_picked(store: IndexStore, directory: Path, writer_lock_path: Path, merge_lock_path: Path) -> int:
    """Merge the segments `pick` chooses in `store`'s live index, if any; returns how many were merged.

    One process merges at a time (`merge_lock_path`). The merge is built in `directory` without the writer lock, so
    drains go on meanwhile; only swapping it in takes the lock, for a commit of a few milliseconds.
    """
    with writer_lock(merge_lock_path, blocking=False) as held:
        if not held:
            return 0
        try:
            name, ix = store.open_index()
            toc = latest_toc(ix)
        except CORRUPTION_ERRORS:
            return 0  # missing or damaged (a rebuild is on its way), or a commit replaced the TOC just now
        sources = pick(toc.segments)
        if not sources:
            return 0
        try:
            built = build(ix, toc, sources, directory)
        except CORRUPTION_ERRORS:
            if store.current_name() != name:
                return 0  # rebuilt meanwhile: the segments went with the old index
            raise
        try:
            with writer_lock(writer_lock_path, blocking=True):
                return len(sources) if _swap_in(store, name, built) else 0
        finally:
            built.discard()


def _swap_in(store: IndexStore, name: str, built: BuiltMerge) -> bool:
    """Commit `built` in place of its sources (the writer lock is held); False when the index was rebuilt."""
    if store.current_name() != name:
        return False
    _, ix = store.open_index()
    writer = ix.writer(codec=CODEC)
    segments = built.replace_in(writer.segments)
    if segments is None:
        writer.cancel()
        return False
    try:
        built.move_into(ix)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=lambda _writer, _segments: segments)
    return True
