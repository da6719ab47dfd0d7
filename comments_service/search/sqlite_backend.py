"""`SqliteBackend`: `SearchBackend` on SQLite's own full text (FTS5), in the service's database.

Documents live in the tables of sqlite_schema.py, their words analysed by Plein (the Snowball stems the other
backends use). A write is one small transaction, seen by the next search of every process. The service's queue
of written comments is taken at each drain (once a second) by whichever process holds the drain's lock (a
`flock` beside the database, as the Whoosh backend's writer lock), so a comment is findable about a second after
it was written while the write itself stays one small insert.

Why it replaced Whoosh for SQLite installs: indexing a comment costs a sixth to an eighth of what it cost in
Whoosh, with no segments to merge and no files beside the database to lose or damage (docs/performance.md, step 30).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import BindParameter, Connection, Engine, bindparam, text

from . import sqlite_reads
from .backend import Changes, DocumentSource, Feed, Progress
from .documents import SearchDocument, SearchHit, SearchResults, as_utc, hit_of_row
from .fts_query import match_expression, tag_token
from .in_database import COUNT_LIMIT, InDatabaseBackend, rebuild_batches
from .schema import language_of, words
from .sqlite_schema import CREATE_REBUILT, FILTER_COLUMNS, REBUILT_TABLES, TABLE, TAGS_TABLE, WORD_COLUMNS, WORDS_TABLE
from .writerlock import writer_lock

log = logging.getLogger(__name__)

_CHUNK = 500
"""Documents removed per statement (a statement's parameters are limited)."""
_IDS: BindParameter[list[str]] = bindparam("doc_ids", expanding=True)
_REMOVALS = tuple(text(sql).bindparams(_IDS) for sql in (
    f"DELETE FROM {WORDS_TABLE} WHERE rowid IN (SELECT id FROM {TABLE} WHERE doc_id IN :doc_ids)",
    f"DELETE FROM {TABLE} WHERE doc_id IN :doc_ids",
    f"DELETE FROM {TAGS_TABLE} WHERE doc_id IN :doc_ids",
))
"""What replacing or removing documents deletes first: their words, their rows, their tags."""
_LAST_ID = text(f"SELECT coalesce(max(id), 0) FROM {TABLE}")
_INSERT = text(
    f"INSERT INTO {TABLE} (id, doc_id, kind, page_id, title, url, text, language, hashtags, author, created)"
    " VALUES (:id, :doc_id, :kind, :page_id, :title, :url, :text, :language, :hashtags, :author, :created)"
)
_WORDS = text(
    f"INSERT INTO {WORDS_TABLE} (rowid, {', '.join(WORD_COLUMNS + FILTER_COLUMNS)})"
    f" VALUES (:id, {', '.join(':' + column for column in WORD_COLUMNS + FILTER_COLUMNS)})"
)
_TAG = text(f"INSERT INTO {TAGS_TABLE} (doc_id, tag, created) VALUES (:doc_id, :tag, :created)")


class SqliteBackend(InDatabaseBackend):
    """The search documents of the SQLite database behind `engine`; `feed(apply)` runs at every drain.

    `drain_lock` is the file whose `flock` lets one process drain at a time (None for a database in memory,
    which only this process sees). Call `start()` to run this process's drain thread.
    """

    documents_table = TABLE
    newest_tagged = sqlite_reads.NEWEST_TAGGED
    count_tagged = sqlite_reads.COUNT_TAGGED

    def __init__(self, engine: Engine, *, drain_lock: Path | None, drain_interval: float = 1.0,
                 feed: Feed | None = None) -> None:
        self._drain_lock = drain_lock
        self._in_process = threading.Lock()
        super().__init__(engine, drain_interval=drain_interval, feed=feed)

    @property
    def location(self) -> str:
        return f"the SQLite table {TABLE} of {self._engine.url.database}"

    def merge(self) -> int:
        """Nothing to merge: FTS5 merges its own segments a little at every write (its `automerge`)."""
        return 0

    # -- writing -----------------------------------------------------------------------------------------

    def index(self, docs: Iterable[SearchDocument]) -> None:
        """Add or replace documents now (in one transaction, after any other writer's)."""
        self._write_now({doc.doc_id: doc for doc in docs})

    def remove(self, doc_ids: Iterable[str]) -> None:
        """Take documents out now."""
        self._write_now(dict.fromkeys(doc_ids))

    def _write_now(self, changes: Changes) -> None:
        if changes:
            self._ensure_process()
            _apply(self._engine, changes)

    def drain(self) -> int:
        """Run `feed` unless another process or thread is draining right now; returns how many it applied."""
        self._ensure_process()
        if self._feed is None:
            return 0
        with self._draining(blocking=False) as turn:
            return self._feed(partial(_apply, self._engine)) if turn else 0

    def rebuild(self, docs: Iterable[SearchDocument], progress: Progress | None = None) -> int:
        """Replace every document in one transaction (searches see the old ones until it commits); drains wait."""
        with self._draining(blocking=True):
            return self._rebuild(docs, progress)

    def rebuild_if_needed(self, source: DocumentSource, progress: Progress | None = None) -> bool:
        """Build the tables from `source()` when they are empty; the check waits for a rebuild by anyone else."""
        with self._draining(blocking=True):
            if self._is_empty():
                self._rebuild(source(), progress)
                return True
        self._needs_rebuild = False
        return False

    def _rebuild(self, docs: Iterable[SearchDocument], progress: Progress | None) -> int:
        """Empty the documents, drop and create the others again (sqlite_schema.CREATE_REBUILT), fill them."""
        count = 0
        with self._engine.begin() as connection:
            connection.execute(text(f"DELETE FROM {TABLE}"))  # the first write: from here this is the writer
            for name in REBUILT_TABLES:
                connection.execute(text(f"DROP TABLE {name}"))
            for statement in CREATE_REBUILT:
                connection.execute(text(statement))
            for batch in rebuild_batches(docs, progress):
                _insert(connection, [_Row(doc) for doc in batch])
                count += len(batch)
        self._needs_rebuild = False
        return count

    @contextmanager
    def _draining(self, *, blocking: bool) -> Iterator[bool]:
        """The drain's turn: this process's lock, and the file's `flock` for the other processes."""
        if not self._in_process.acquire(blocking=blocking):
            yield False
            return
        try:
            if self._drain_lock is None:
                yield True
            else:
                with writer_lock(self._drain_lock, blocking=blocking) as turn:
                    yield turn
        finally:
            self._in_process.release()

    # -- reading -----------------------------------------------------------------------------------------

    def search(
        self, query: str, *, kind: str | None = None, hashtag: str | None = None, limit: int = 20, offset: int = 0
    ) -> SearchResults:
        clauses = self._required(query, kind)
        match = match_expression(clauses, kind=kind, hashtag=hashtag) if clauses else None
        if match is None:
            return SearchResults(query=query, total=0)
        params = {"match": match, "limit": limit, "offset": offset, "cap": COUNT_LIMIT}
        with self._reading() as connection:
            rows = connection.execute(sqlite_reads.RANKED_PAGE, params).all()
            total = offset + len(rows)
            if len(rows) == limit or (offset and not rows):  # more may follow, or the page is past the end
                total = connection.execute(sqlite_reads.COUNT, params).scalar_one()
        return self._found(query, clauses, rows, total)

    @staticmethod
    def _hit(row: Any, snippet: str) -> SearchHit:
        created = datetime.fromisoformat(row.created).replace(tzinfo=UTC) if row.created else None
        return hit_of_row(row, snippet, hashtags=json.loads(row.hashtags), created=created)

    def _after_fork(self) -> None:
        """A lock another thread of the parent held at the fork would stay held in the child."""
        self._in_process = threading.Lock()


class _Row(dict[str, Any]):
    """The parameters of one document's rows, its words analysed before the transaction starts."""

    def __init__(self, doc: SearchDocument) -> None:
        language = language_of(doc.language)
        title_words = " ".join(words(doc.title, language)) if doc.kind == "page" else ""  # as with Whoosh (schema.py)
        super().__init__(
            doc_id=doc.doc_id, kind=doc.kind, page_id=doc.page_id, title=doc.title, url=doc.url, text=doc.text,
            language=language, hashtags=json.dumps([tag.casefold() for tag in doc.hashtags]), author=doc.author,
            created=_stored(doc.created),
            **dict.fromkeys(WORD_COLUMNS, ""),
        )
        self[f"title_{language}"] = title_words
        self[f"text_{language}"] = " ".join(words(doc.text, language))
        self.slugs = list(dict.fromkeys(tag.casefold() for tag in doc.hashtags))
        """Each hashtag once, for the tags' table."""
        self["tags"] = " ".join(tag_token(tag) for tag in self.slugs)


def _apply(engine: Engine, changes: Changes) -> bool:
    """Write `changes` in one transaction (`Apply` for the feed, committed before the feed moves on)."""
    rows = [_Row(doc) for doc in changes.values() if doc is not None]
    doc_ids = list(changes)
    with engine.begin() as connection:
        for first in range(0, len(doc_ids), _CHUNK):
            chunk = {"doc_ids": doc_ids[first:first + _CHUNK]}
            for statement in _REMOVALS:
                connection.execute(statement, chunk)
        _insert(connection, rows)
    return True


def _insert(connection: Connection, rows: Sequence[_Row]) -> None:
    """Insert new documents, numbered after the last (the caller's transaction already writes, so holds SQLite's
    lock: no one else can take the numbers meanwhile)."""
    if not rows:
        return
    last = connection.execute(_LAST_ID).scalar_one()
    for number, row in enumerate(rows, start=last + 1):
        row["id"] = number
    connection.execute(_INSERT, rows)
    connection.execute(_WORDS, rows)
    tags = [{"doc_id": row["doc_id"], "tag": tag, "created": row["created"]} for row in rows for tag in row.slugs]
    if tags:
        connection.execute(_TAG, tags)


def drain_lock_of(database: str) -> Path:
    """The file whose `flock` lets one process at a time drain into the SQLite database at `database`."""
    return Path(f"{database}-search-drain")


def _stored(moment: datetime | None) -> str | None:
    """A date as stored: ISO 8601 in UTC, always to the microsecond, so that dates sort as text."""
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%S.%f") if moment else None
