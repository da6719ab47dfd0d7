"""`PostgresBackend`: `SearchBackend` on PostgreSQL's full text, shared by every host of one database.

Documents live in `search_documents` (pg_schema.py), each analysed in its own language (`dutch` or
`english`); a query is analysed in both and each document is matched by its language's reading. Writes go
straight to the table and are seen by the next search on any host. The service's queue of written comments
is taken by whichever process holds the writer's advisory lock, at each drain (once a second), so a comment
is findable about a second after it was written while the write itself stays one small insert.

Ranking is `ts_rank` without length normalisation: it counts a word's first occurrence fully and each
further one less (by 1/n², so forty repetitions weigh under twice one), with a title match twice a text match:
the saturation ranking.py gives the Whoosh backend. The SQL that reads is pg_reads.py's.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from sqlalchemy import Connection, text

from . import pg_reads
from .backend import Changes, DocumentSource, Progress
from .documents import SearchDocument, SearchHit, SearchResults, as_utc, hit_of_row
from .in_database import COUNT_LIMIT, InDatabaseBackend, rebuild_batches
from .pg_query import words_params
from .pg_schema import COLUMNS, CONFIGS, TABLE, TAGS_TABLE, stressed_sql
from .schema import language_of

log = logging.getLogger(__name__)

_LOCK = f"CAST(CAST('{TABLE}' AS regclass) AS oid)::bigint"
"""The writer's advisory lock: the table's oid, so installs in other schemas of one database don't share it."""
_UPSERT = text(
    f"""
    INSERT INTO {TABLE} ({COLUMNS}, vector, stressed)
    SELECT :doc_id, :kind, :page_id, :title, :url, :text, :language, :hashtags, :author, :created,
           words.vector, {stressed_sql("words.vector")}
    FROM (SELECT setweight(to_tsvector(CAST(:config AS regconfig), :title_words), 'A')
                 || setweight(to_tsvector(CAST(:config AS regconfig), :text), 'D') AS vector) AS words
    ON CONFLICT (doc_id) DO UPDATE SET
        kind = excluded.kind, page_id = excluded.page_id, title = excluded.title, url = excluded.url,
        text = excluded.text, language = excluded.language, hashtags = excluded.hashtags,
        author = excluded.author, created = excluded.created, vector = excluded.vector, stressed = excluded.stressed
    """
)
_DELETE = text(f"DELETE FROM {TABLE} WHERE doc_id = ANY(:doc_ids)")
"""Removes documents; their rows of the tags' table go with them (ON DELETE CASCADE)."""
_UNTAG = text(f"DELETE FROM {TAGS_TABLE} WHERE doc_id = ANY(:doc_ids)")
_TAG = text(
    f"INSERT INTO {TAGS_TABLE} (doc_id, tag, created)"
    f" SELECT DISTINCT doc_id, unnest(hashtags), created FROM {TABLE} WHERE doc_id = ANY(:doc_ids)"
)


class PostgresBackend(InDatabaseBackend):
    """The search documents of the database behind `engine`; `feed(apply)` runs at every drain, as with Whoosh.

    Call `start()` to run this process's drain thread.
    """

    documents_table = TABLE
    newest_tagged = pg_reads.NEWEST_TAGGED
    count_tagged = pg_reads.COUNT_TAGGED

    @property
    def location(self) -> str:
        return f"the PostgreSQL table {TABLE}"

    # -- writing -----------------------------------------------------------------------------------------

    def index(self, docs: Iterable[SearchDocument]) -> None:
        """Add or replace documents now; waits while a drain or rebuild holds the writer's lock."""
        self._write_now({doc.doc_id: doc for doc in docs})

    def remove(self, doc_ids: Iterable[str]) -> None:
        """Take documents out now; waits while a drain or rebuild holds the writer's lock."""
        self._write_now(dict.fromkeys(doc_ids))

    def _write_now(self, changes: Changes) -> None:
        if not changes:
            return
        self._ensure_process()
        with self._engine.begin() as connection:
            connection.execute(text(f"SELECT pg_advisory_xact_lock({_LOCK})"))
            _write(connection, changes)

    def drain(self) -> int:
        """Run `feed` if no other process (on any host) is the writer right now; returns how many it applied."""
        self._ensure_process()
        if self._feed is None:
            return 0
        with self._writer(blocking=False) as connection:
            return 0 if connection is None else self._feed(partial(_commit, connection))

    def merge(self) -> int:
        """Nothing to merge: PostgreSQL folds GIN's pending entries into the index itself (autovacuum)."""
        return 0

    def rebuild(self, docs: Iterable[SearchDocument], progress: Progress | None = None) -> int:
        """Replace every document in one transaction (searches see the old ones until it commits).

        Holds the writer's lock meanwhile: drains wait (comments stay queued) and so do `index` and `remove`.
        """
        with self._writer(blocking=True) as connection:
            assert connection is not None
            return self._rebuild_locked(connection, docs, progress)

    def rebuild_if_needed(self, source: DocumentSource, progress: Progress | None = None) -> bool:
        """Build the table from `source()` when it is empty; the check waits for a rebuild by anyone else."""
        with self._writer(blocking=True) as connection:
            assert connection is not None
            empty = self._is_empty(connection)
            connection.commit()
            if empty:
                self._rebuild_locked(connection, source(), progress)
                return True
        self._needs_rebuild = False
        return False

    def _rebuild_locked(self, connection: Connection, docs: Iterable[SearchDocument], progress: Progress | None) -> int:
        count = 0
        with connection.begin():
            connection.execute(text(f"DELETE FROM {TABLE}"))
            for batch in rebuild_batches(docs, progress):
                _upsert(connection, batch)
                count += len(batch)
        self._needs_rebuild = False
        return count

    @contextmanager
    def _writer(self, *, blocking: bool) -> Iterator[Connection | None]:
        """A connection holding the writer's advisory lock (None when not `blocking` and someone else has it)."""
        with self._engine.connect() as connection:
            if blocking:
                connection.execute(text(f"SELECT pg_advisory_lock({_LOCK})"))
            elif not connection.execute(text(f"SELECT pg_try_advisory_lock({_LOCK})")).scalar_one():
                connection.rollback()
                yield None
                return
            connection.commit()
            try:
                yield connection
            except BaseException:
                connection.invalidate()  # closing the connection frees the lock, whatever state it is in
                raise
            connection.execute(text(f"SELECT pg_advisory_unlock({_LOCK})"))
            connection.commit()

    # -- reading -----------------------------------------------------------------------------------------

    def search(
        self, query: str, *, kind: str | None = None, hashtag: str | None = None, limit: int = 20, offset: int = 0
    ) -> SearchResults:
        clauses = self._required(query, kind)
        if not clauses:
            return SearchResults(query=query, total=0)
        with self._reading() as connection:
            params: dict[str, Any] = words_params(clauses)
            readings = pg_reads.readings(connection, clauses, params)
            tsqueries = readings.tsqueries
            if not tsqueries:
                return SearchResults(query=query, total=0)
            params.update({f"q_{lang}": tsquery for lang, tsquery in tsqueries.items()}, kind=kind,
                          tag=hashtag.casefold() if hashtag else None, limit=limit, offset=offset)
            rows = pg_reads.ranked_page(connection, readings, params, kind=kind, hashtag=hashtag)
            total = offset + len(rows)
            if len(rows) == limit or (offset and not rows):  # more may follow, or the page is past the end
                counting = pg_reads.count(tsqueries, kind=kind, hashtag=hashtag)
                total = connection.execute(counting, {**params, "cap": COUNT_LIMIT}).scalar_one()
        return self._found(query, clauses, rows, total)

    @staticmethod
    def _hit(row: Any, snippet: str) -> SearchHit:
        return hit_of_row(row, snippet, hashtags=row.hashtags, created=as_utc(row.created) if row.created else None)

    def _prepare_read(self, connection: Connection) -> None:
        connection.execute(pg_reads.SERIAL)


def _commit(connection: Connection, changes: Changes) -> bool:
    """`Apply` for the feed: one transaction on the writer's connection, committed before the feed moves on."""
    with connection.begin():
        _write(connection, changes)
    return True


def _write(connection: Connection, changes: Changes) -> None:
    removed = [doc_id for doc_id, doc in changes.items() if doc is None]
    docs = [doc for doc in changes.values() if doc is not None]
    if removed:
        connection.execute(_DELETE, {"doc_ids": removed})
    if docs:
        _upsert(connection, docs)


def _upsert(connection: Connection, docs: list[SearchDocument]) -> None:
    """Add or replace the documents, then their rows of the tags' table."""
    connection.execute(_UPSERT, [_row(doc) for doc in docs])
    doc_ids = {"doc_ids": [doc.doc_id for doc in docs]}
    connection.execute(_UNTAG, doc_ids)
    connection.execute(_TAG, doc_ids)


def _row(doc: SearchDocument) -> dict[str, Any]:
    """The upsert's parameters; as with Whoosh (schema.to_fields), a comment's title (its page's) is not searched."""
    language = language_of(doc.language)
    return {
        "doc_id": doc.doc_id,
        "kind": doc.kind,
        "page_id": doc.page_id,
        "title": doc.title,
        "url": doc.url,
        "text": doc.text,
        "language": language,
        "hashtags": [tag.casefold() for tag in doc.hashtags],
        "author": doc.author,
        "created": as_utc(doc.created) if doc.created else None,
        "config": CONFIGS[language],
        "title_words": doc.title if doc.kind == "page" else "",
    }
