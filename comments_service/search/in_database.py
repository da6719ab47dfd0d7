"""What the backends searching the service's own database share (SQLite's FTS5, PostgreSQL's full text).

Both keep their documents in tables of that database, written at once by `index` and `remove` and by drains of
the service's queue of written comments (once a second, one process at a time); both count an empty documents
table as `needs_rebuild` (a new install, or one switching over from Whoosh), which `rebuild_if_needed` fills.
"""

from __future__ import annotations

import logging
import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any, ClassVar

from sqlalchemy import Connection, Engine, Row, TextClause, text
from sqlalchemy.exc import OperationalError

from .backend import Feed, Progress, SearchUnavailable
from .clauses import Clause, has_positive, parse, snippet_terms
from .documents import KINDS, SearchDocument, SearchHit, SearchResults, first_of_each
from .periodic import Periodic
from .schema import LANGUAGES, STEMMERS
from .snippets import hashtag_snippet, query_snippet

log = logging.getLogger(__name__)

COUNT_LIMIT = 1000
"""Totals stop here (paging never goes further), so a very common word is not counted through every match."""
REBUILD_BATCH = 500
"""Documents a rebuild writes per statement, and per report of its progress."""


def rebuild_batches(docs: Iterable[SearchDocument], progress: Progress | None) -> Iterator[list[SearchDocument]]:
    """The first document of each id, in batches; `progress` is told of each batch once it was written."""
    unique = first_of_each(docs)
    while batch := list(islice(unique, REBUILD_BATCH)):
        yield batch
        if progress:
            progress(len(batch))


class InDatabaseBackend(ABC):
    """The lifecycle: a drain thread per process (`start`, `close`; started again in a forked child), the
    state `needs_rebuild`, and reads that answer `SearchUnavailable` when the database cannot, never a 500."""

    documents_table: ClassVar[str]
    """The documents' table, whose emptiness means the index awaits its first build."""
    newest_tagged: ClassVar[TextClause]
    """One page (`:limit`, `:offset`) of the documents tagged `:tag`, newest first."""
    count_tagged: ClassVar[TextClause]
    """How many documents are tagged `:tag`."""

    def __init__(self, engine: Engine, *, drain_interval: float = 1.0, feed: Feed | None = None) -> None:
        self._engine = engine
        self._feed = feed
        self._drainer = Periodic(self.drain, drain_interval, name="plein-search-drainer")
        self._pid = os.getpid()
        self._needs_rebuild = self._is_empty()

    @abstractmethod
    def drain(self) -> int:
        """Run the feed if no other process is draining right now; returns how many changes it applied."""

    @property
    def needs_rebuild(self) -> bool:
        """True until this process saw the documents built: searches raise `SearchUnavailable` meanwhile."""
        return self._needs_rebuild

    def start(self) -> None:
        """Start this process's drain thread (idempotent)."""
        self._ensure_process()
        self._drainer.start()

    def close(self) -> None:
        """Stop the drain thread; connections belong to the engine's pool."""
        self._drainer.stop()

    def refresh(self) -> None:
        """Nothing to do: every search reads the latest committed rows."""

    def hashtag(self, slug: str, *, limit: int = 20, offset: int = 0) -> SearchResults:
        """Every page and comment with the tag, newest first, with a snippet around the tag."""
        slug = slug.casefold()
        params = {"tag": slug, "limit": limit, "offset": offset}
        with self._reading() as connection:
            rows = connection.execute(self.newest_tagged, params).all()
            total = connection.execute(self.count_tagged, params).scalar_one()
        return SearchResults(query=f"#{slug}", total=total,
                             hits=[self._hit(row, hashtag_snippet(row.text, slug)) for row in rows])

    @staticmethod
    def _required(query: str, kind: str | None) -> list[Clause]:
        """The query's clauses, or none when nothing must match (exclusions alone would read every document)."""
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        clauses = parse(query)
        return clauses if has_positive(clauses) else []

    def _found(self, query: str, clauses: list[Clause], rows: Sequence[Row[Any]], total: int) -> SearchResults:
        """A search's results: its rows with snippets around the words that had to match."""
        terms = {lang: snippet_terms(clauses, lang) for lang in LANGUAGES}
        hits = [self._hit(row, query_snippet(row.text, terms[row.language], STEMMERS[row.language])) for row in rows]
        return SearchResults(query=query, total=total, hits=hits)

    @staticmethod
    @abstractmethod
    def _hit(row: Any, snippet: str) -> SearchHit:
        """A hit from a row of the documents' table, as the backend stores it."""

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection for one search (after `_prepare_read`)."""
        self._ensure_process()
        if self._needs_rebuild:
            raise SearchUnavailable("the search index is being built")
        try:
            with self._engine.connect() as connection:
                self._prepare_read(connection)
                yield connection
        except OperationalError as error:
            log.warning("search: the database could not answer: %s", error)
            raise SearchUnavailable("the search database could not answer") from error

    def _prepare_read(self, connection: Connection) -> None:
        """What a search's connection needs first (nothing, unless a backend says otherwise)."""

    def _is_empty(self, connection: Connection | None = None) -> bool:
        statement = text(f"SELECT NOT EXISTS (SELECT 1 FROM {self.documents_table})")
        if connection is not None:
            return bool(connection.execute(statement).scalar_one())
        with self._engine.connect() as own:
            return bool(own.execute(statement).scalar_one())

    def _ensure_process(self) -> None:
        """After a fork (gunicorn's preload) the child starts its own drain thread if the parent had one."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._after_fork()
            self._drainer.after_fork()

    def _after_fork(self) -> None:
        """What else a forked child must not inherit (nothing, unless a backend says otherwise)."""
