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
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

from . import pg_reads
from .backend import Changes, DocumentSource, Feed, Progress, SearchUnavailable
from .documents import KINDS, SearchDocument, SearchHit, SearchResults, as_utc, first_of_each, hit_of_row
from .periodic import Periodic
from .clauses import has_positive, parse, snippet_terms
from .pg_query import words_params
from .pg_schema import COLUMNS, CONFIGS, TABLE, TAGS_TABLE, stressed_sql
from .schema import STEMMERS, language_of
from .snippets import hashtag_snippet, query_snippet

log = logging.getLogger(__name__)

COUNT_LIMIT = 1000
"""Totals stop here (paging never goes further), so a very common word is not counted through every match."""
_PROGRESS_STEP = 500
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


class PostgresBackend:
    """The search documents of the database behind `engine`; `feed(apply)` runs at every drain, as with Whoosh.

    The state found by the constructor is `needs_rebuild`: an empty table (a new install, or one switching
    over from Whoosh), which `rebuild_if_needed` fills. Call `start()` to run this process's drain thread.
    """

    def __init__(self, engine: Engine, *, drain_interval: float = 1.0, feed: Feed | None = None) -> None:
        self._engine = engine
        self._feed = feed
        self._drainer = Periodic(self.drain, drain_interval, name="plein-search-drainer")
        self._pid = os.getpid()
        self._needs_rebuild = self._is_empty()

    # -- state -----------------------------------------------------------------------------------------

    @property
    def needs_rebuild(self) -> bool:
        """True until this process saw the table built: searches raise `SearchUnavailable` meanwhile."""
        return self._needs_rebuild

    @property
    def location(self) -> str:
        return f"the PostgreSQL table {TABLE}"

    def start(self) -> None:
        """Start this process's drain thread (idempotent)."""
        self._ensure_process()
        self._drainer.start()

    def close(self) -> None:
        """Stop the drain thread; connections belong to the engine's pool."""
        self._drainer.stop()

    def refresh(self) -> None:
        """Nothing to do: every search reads the latest committed rows."""

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
            unique = first_of_each(docs)
            while batch := list(islice(unique, _PROGRESS_STEP)):
                _upsert(connection, batch)
                count += len(batch)
                if progress:
                    progress(len(batch))
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
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        clauses = parse(query)
        if not has_positive(clauses):
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
        terms = {lang: snippet_terms(clauses, lang) for lang in CONFIGS}
        hits = [_hit(row, query_snippet(row.text, terms[row.language], STEMMERS[row.language])) for row in rows]
        return SearchResults(query=query, total=total, hits=hits)

    def hashtag(self, slug: str, *, limit: int = 20, offset: int = 0) -> SearchResults:
        slug = slug.casefold()
        with self._reading() as connection:
            rows = connection.execute(pg_reads.NEWEST_TAGGED, {"tag": slug, "limit": limit, "offset": offset}).all()
            total = connection.execute(pg_reads.COUNT_TAGGED, {"tag": slug}).scalar_one()
        hits = [_hit(row, hashtag_snippet(row.text, slug)) for row in rows]
        return SearchResults(query=f"#{slug}", total=total, hits=hits)

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection for one search; an unreachable database answers `SearchUnavailable`, never a 500."""
        self._ensure_process()
        if self._needs_rebuild:
            raise SearchUnavailable("the search index is being built")
        try:
            with self._engine.connect() as connection:
                connection.execute(pg_reads.SERIAL)
                yield connection
        except OperationalError as error:
            log.warning("search: the database could not answer: %s", error)
            raise SearchUnavailable("the search database could not be reached") from error

    def _is_empty(self, connection: Connection | None = None) -> bool:
        statement = text(f"SELECT NOT EXISTS (SELECT 1 FROM {TABLE})")
        if connection is not None:
            return bool(connection.execute(statement).scalar_one())
        with self._engine.connect() as own:
            return bool(own.execute(statement).scalar_one())

    def _ensure_process(self) -> None:
        """After a fork (gunicorn's preload) the child starts its own drain thread if the parent had one."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._drainer.after_fork()


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


def _hit(row: Any, snippet: str) -> SearchHit:
    return hit_of_row(row, snippet, hashtags=row.hashtags, created=as_utc(row.created) if row.created else None)
