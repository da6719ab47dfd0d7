"""`WhooshBackend`: the Whoosh implementation of `SearchBackend` for several worker processes.

Writes never touch the index directly: `index` and `remove` append to the spool, and whichever process
holds `writer.lock` drains it in batches, each a segment of its own; segments are merged beside the index
and swapped in (merging.py), so no drain waits on a merge. Readers keep one searcher per process and
refresh it when the live index or its generation changed, at most every `refresh_interval` seconds.
Nobody ever waits on Whoosh's own write lock, so no user sees a lock error.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.reading import TermNotFound
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from . import whoosh_query
from .backend import Changes, DocumentSource, Feed, Progress, SearchUnavailable
from .documents import SearchDocument, SearchResults, comment_number, first_of_each
from .merging import merge_picked
from .periodic import Periodic
from .recency import NewestFirst
from .schema import to_fields
from .segments import Leaf, SegmentLeaves
from .spool import Change, Spool, coalesce
from .store import CODEC, CORRUPTION_ERRORS, READ_ERRORS, IndexStore, MissingIndex
from .writerlock import writer_lock

log = logging.getLogger(__name__)

_PROGRESS_STEP = 500


class WhooshBackend:
    """A Whoosh index in `index_dir`, shared by every process that opens the same directory.

    `feed(apply)`, when given, runs at every drain after the spool (its changes skip the spool's files), under
    the writer lock: it commits changes recorded elsewhere (kept durably there until it has) straight into the
    index, one process at a time.
    `on_needs_rebuild(reason)` is called when a readable index later turns out missing or damaged: when
    reopening it keeps failing for `damage_grace` seconds, during which the previous searcher keeps serving
    (so a passing hiccup never costs a rebuild). The state found by the constructor is `needs_rebuild`.
    Call `start()` to run this process's writer threads (drains and merges).
    """

    # This process's own (`_reset_process_state`: a forked child starts afresh).
    _pid: int
    _lock: threading.RLock
    _searcher_obj: Searcher | None
    _open_name: str | None
    _open_outdated: bool
    _checked: float
    _failing_since: float | None

    def __init__(
        self,
        index_dir: Path,
        *,
        drain_interval: float = 0.25,
        merge_interval: float = 1.0,
        refresh_interval: float = 0.05,
        batch_size: int = 5000,
        damage_grace: float = 5.0,
        fsync: bool = True,
        feed: Feed | None = None,
        on_needs_rebuild: Callable[[str], None] | None = None,
    ) -> None:
        self.index_dir = Path(index_dir)
        self._store = IndexStore(self.index_dir)
        self._spool = Spool(self.index_dir / "spool", fsync=fsync)
        self._lock_path = self.index_dir / "writer.lock"
        self._merge_lock_path = self.index_dir / "merge.lock"
        self._refresh_interval = refresh_interval
        self._batch_size = batch_size
        self._damage_grace = damage_grace
        self._drainer = Periodic(self.drain, drain_interval, name="plein-search-drainer")
        self._merger = Periodic(self.merge, merge_interval, name="plein-search-merger")
        self._feed = feed
        self._leaves = SegmentLeaves()
        self._parser = whoosh_query.parser()
        self._newest = NewestFirst()
        self._needs_rebuild = False
        self._on_needs_rebuild: Callable[[str], None] | None = None
        self._reset_process_state()
        self.refresh()  # the state found at start-up is `needs_rebuild`, not a callback
        self._on_needs_rebuild = on_needs_rebuild

    # -- state -----------------------------------------------------------------------------------------

    @property
    def location(self) -> str:
        """The index's directory."""
        return str(self.index_dir)

    @property
    def needs_rebuild(self) -> bool:
        """True when the live index is missing, unreadable or of an older format; searches raise
        `SearchUnavailable` until it is rebuilt, except on an older format's index, which serves them meanwhile."""
        return self._needs_rebuild

    @property
    def pending_changes(self) -> int:
        """Changes queued in the spool and not yet committed to the index."""
        return len(self._spool)

    def start(self) -> None:
        """Start this process's writer threads, one draining and one merging (idempotent)."""
        self._ensure_process()
        self._drainer.start()
        self._merger.start()

    def close(self) -> None:
        """Stop the writer threads and release the searcher (and with it the index's open files)."""
        self._drainer.stop()
        self._merger.stop()
        with self._lock:
            self._drop_searcher()

    def __enter__(self) -> WhooshBackend:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------------------

    def index(self, docs: Iterable[SearchDocument]) -> None:
        docs = tuple(docs)
        if docs:
            self._ensure_process()
            self._spool.put(Change("add", docs=docs))

    def remove(self, doc_ids: Iterable[str]) -> None:
        doc_ids = tuple(doc_ids)
        if doc_ids:
            self._ensure_process()
            self._spool.put(Change("remove", doc_ids=doc_ids))

    def drain(self) -> int:
        """Commit queued changes if no other process is the writer right now; returns how many were applied."""
        with writer_lock(self._lock_path, blocking=False) as held:
            if not held:
                return 0
            applied = self._drain_locked()
            if self._feed is not None:
                applied += self._feed(self._commit)
            return applied

    def _drain_locked(self) -> int:
        applied = 0
        while batch := self._spool.pending(self._batch_size):
            if not self._commit(coalesce(change for _, change in batch)):
                return applied  # keep the spool: the changes go into the index once it is rebuilt
            self._spool.ack(path for path, _ in batch)
            applied += len(batch)
        return applied

    def _commit(self, changes: Changes) -> bool:
        """Apply `changes` in one Whoosh commit (the writer lock is held); False when the index is unreadable."""
        if not changes:
            return True
        try:
            _, ix = self._store.open_index()
        except CORRUPTION_ERRORS as error:
            self._mark_needs_rebuild(f"writer cannot open the index: {error!r}", _level(error))
            return False
        writer = ix.writer(codec=CODEC)  # small segments: compound, so a reader opens each in one go
        try:
            # The committed segments (the writer keeps its searcher open until the commit).
            leaves = self._leaves.of(writer.searcher())
            for doc_id, doc in changes.items():
                _delete_live(writer, leaves, doc_id)
                if doc is not None:
                    writer.add_document(**to_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(merge=False)  # merges happen beside the index: see `merge`
        return True

    def merge(self) -> int:
        """Merge the segments the tiered policy picks, if any; returns how many were merged (merging.py)."""
        return merge_picked(self._store, self.index_dir / "merging", self._lock_path, self._merge_lock_path)

    def rebuild(self, docs: Iterable[SearchDocument], progress: Progress | None = None) -> int:
        """Build a fresh index from `docs` beside the live one, then swap it in; doc ids must be unique.

        Holds the writer lock meanwhile, so changes queued during the build wait in the spool and are
        applied to the new index right after the swap.
        """
        with writer_lock(self._lock_path, blocking=True):
            return self._rebuild_locked(docs, progress)

    def rebuild_if_needed(self, source: DocumentSource, progress: Progress | None = None) -> bool:
        """Rebuild from `source()` unless the index is readable; several workers may call it at once.

        The check happens under the writer lock, so when all workers start on a missing index the first
        one rebuilds and the others find its result.
        """
        with writer_lock(self._lock_path, blocking=True):
            try:
                self._store.open_searcher()[1].close()
            except CORRUPTION_ERRORS as error:
                log.log(_level(error), "search: building the index: %s", error)
                self._rebuild_locked(source(), progress)
                return True
        self.refresh()
        return False

    def _rebuild_locked(self, docs: Iterable[SearchDocument], progress: Progress | None) -> int:
        name, ix = self._store.create()
        # The rebuilt segment stays as separate files: Whoosh reads a compound segment by copying each part into
        # memory, which on 100,000 documents made every reopen of a searcher (after each commit) cost 300 ms
        # instead of 5. Merged segments that big stay apart too (merging.py); readers open all their files at once
        # (store.py), and the tiered merges pick a big segment only together with others of its size.
        writer = ix.writer(codec=CODEC, limitmb=256, compound=False)
        count = 0
        try:
            for doc in first_of_each(docs):
                writer.add_document(**to_fields(doc))
                count += 1
                if progress and count % _PROGRESS_STEP == 0:
                    progress(_PROGRESS_STEP)
            writer.commit()
        except BaseException:
            writer.cancel()
            self._store.discard(name)
            raise
        if progress and count % _PROGRESS_STEP:
            progress(count % _PROGRESS_STEP)
        self._store.publish(name)
        self.refresh()
        return count

    # -- reading -----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reopen or refresh this process's searcher when the live index or its generation changed."""
        self._ensure_process()
        with self._lock:
            self._refresh_locked()

    def search(
        self, query: str, *, kind: str | None = None, hashtag: str | None = None, limit: int = 20, offset: int = 0
    ) -> SearchResults:
        parsed = whoosh_query.parse(self._parser, query, kind=kind, hashtag=hashtag)
        if parsed is None:  # no words to look for
            return SearchResults(query=query, total=0)
        with self._searcher() as searcher:
            return parsed.run(searcher, limit=limit, offset=offset)

    def hashtag(self, slug: str, *, limit: int = 20, offset: int = 0) -> SearchResults:
        with self._searcher() as searcher:
            return whoosh_query.hashtag(searcher, self._newest, slug, limit=limit, offset=offset)

    @contextmanager
    def _searcher(self) -> Iterator[Searcher]:
        """This process's searcher, fresh within `refresh_interval`; read errors turn into `SearchUnavailable`."""
        self._ensure_process()
        with self._lock:
            if self._searcher_obj is None or time.monotonic() - self._checked >= self._refresh_interval:
                self._refresh_locked()
            if self._searcher_obj is None:
                raise SearchUnavailable("the search index is being rebuilt")
            try:
                yield self._searcher_obj
            except READ_ERRORS as error:
                # Reopen on the next search; if the index stays unreadable, refreshing reports the damage.
                log.exception("search: reading the index failed")
                self._drop_searcher()
                raise SearchUnavailable("the search index could not be read") from error

    def _refresh_locked(self) -> None:
        """Open the latest index; keep the previous searcher through short failures, report lasting ones."""
        now = self._checked = time.monotonic()
        error: BaseException | None = None
        for attempt in range(3):  # rides over a commit replacing files while we open them
            try:
                self._open_latest()
                self._failing_since = None
                if self._open_outdated:
                    self._mark_needs_rebuild(f"{self._open_name} holds documents of an older format", logging.INFO)
                else:
                    self._needs_rebuild = False
                return
            except CORRUPTION_ERRORS as caught:
                error = caught
                time.sleep(0.05 * attempt)
        if self._failing_since is None:
            self._failing_since = now
        if self._searcher_obj is not None and now - self._failing_since < self._damage_grace:
            log.warning("search: reopening the index failed, serving the previous version: %r", error)
            return
        self._drop_searcher()
        self._mark_needs_rebuild(repr(error), _level(error))

    def _open_latest(self) -> None:
        """Open the live index unless it is open already; one of an older format serves searches until its
        rebuild is published (`_open_outdated`), so an upgrade does not switch search off meanwhile."""
        name = self._store.current_name()
        if self._searcher_obj is not None and name == self._open_name and self._searcher_obj.up_to_date():
            return
        # Not `Searcher.refresh()`: it reuses segment readers by segment id and so misses deletions
        # committed to a segment it already has open.
        name, searcher = self._store.open_searcher(outdated=True)
        self._drop_searcher()
        self._searcher_obj, self._open_name = searcher, name
        self._open_outdated = self._store.is_outdated(name)

    def _drop_searcher(self) -> None:
        if self._searcher_obj is not None:
            self._searcher_obj.close()
        self._searcher_obj, self._open_name, self._open_outdated = None, None, False

    # -- process bookkeeping -----------------------------------------------------------------------------

    def _mark_needs_rebuild(self, reason: str, level: int = logging.WARNING) -> None:
        first = not self._needs_rebuild
        self._needs_rebuild = True
        if first:
            log.log(level, "search: the index needs a rebuild: %s", reason)
            if self._on_needs_rebuild is not None:
                self._on_needs_rebuild(reason)

    def _reset_process_state(self) -> None:
        self._pid = os.getpid()
        self._lock = threading.RLock()
        self._searcher_obj = None
        self._open_name = None
        self._open_outdated = False
        self._checked = 0.0
        self._failing_since = None

    def _ensure_process(self) -> None:
        """After a fork (gunicorn's preload), drop the parent's file handles, locks and thread."""
        if self._pid == os.getpid():
            return
        self._reset_process_state()
        self._drainer.after_fork()
        self._merger.after_fork()


def _delete_live(writer: SegmentWriter, leaves: list[Leaf], doc_id: str) -> None:
    """Delete the live document with this id, if any, asking the term table of each segment that may hold it.

    What `update_document` does, cheaper: it builds a postings matcher for the id in every segment (about
    0.17 ms a document with a handful of segments), while a new comment's id is in none of them, which a
    segment's highest comment number or else a look-up in its term table tells at once.
    """
    comment = comment_number(doc_id)
    for leaf in leaves:
        if leaf.may_hold(comment) and ("doc_id", doc_id) in leaf.reader:
            try:
                writer.delete_document(leaf.offset + leaf.reader.first_id("doc_id", doc_id))
            except TermNotFound:  # the segment holds only deleted copies
                continue


def _level(error: BaseException | None) -> int:
    """How loudly to report an index that cannot be opened: a first start is news, damage is a warning."""
    return logging.INFO if isinstance(error, MissingIndex) else logging.WARNING
