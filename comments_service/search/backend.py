"""The seam every search backend implements: Whoosh (files on each host) and PostgreSQL full text."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from .documents import SearchDocument, SearchResults

Progress = Callable[[int], None]
"""Called during a rebuild with the number of documents indexed since the previous call."""
DocumentSource = Callable[[], Iterable[SearchDocument]]
Changes = Mapping[str, SearchDocument | None]
"""The final state per doc id: a document to (re)index, or None to remove it."""
Apply = Callable[[Changes], bool]
"""Commits changes to the index at once; False when the index cannot be opened (it awaits a rebuild)."""
Feed = Callable[[Apply], int]
"""Takes changes kept elsewhere (the service's database) and commits them through `Apply`; returns how many.

Runs at each drain, under the writer lock: its changes reach the index straight from there."""


class SearchUnavailable(RuntimeError):
    """The index cannot answer right now (missing, damaged, or being rebuilt); the API answers 503."""


class SearchBackend(Protocol):
    """Index pages and comments; answer ranked full-text and hashtag queries."""

    @property
    def needs_rebuild(self) -> bool:
        """True when the index is missing or unreadable and must be rebuilt from the source."""
        ...

    def index(self, docs: Iterable[SearchDocument]) -> None:
        """Add or replace documents; searchable within 2 seconds of returning."""
        ...

    def remove(self, doc_ids: Iterable[str]) -> None:
        """Take documents out (hidden or removed comments, archived pages); wins over earlier `index` calls."""
        ...

    def search(
        self, query: str, *, kind: str | None = None, hashtag: str | None = None, limit: int = 20, offset: int = 0
    ) -> SearchResults:
        """Ranked full-text results with highlighted snippets."""
        ...

    def hashtag(self, slug: str, *, limit: int = 20, offset: int = 0) -> SearchResults:
        """Every page and comment with the tag, newest first, with a snippet around the tag."""
        ...

    def rebuild(self, docs: Iterable[SearchDocument], progress: Progress | None = None) -> int:
        """Replace the whole index atomically with `docs`; returns how many were indexed."""
        ...

    def rebuild_if_needed(self, source: DocumentSource, progress: Progress | None = None) -> bool:
        """Rebuild from `source()` unless the index can answer; several processes may call it at once."""
        ...

    def refresh(self) -> None:
        """Make the next search see the latest committed index."""
        ...

    def drain(self) -> int:
        """Commit what waits for the index (and what `feed` supplies) if no other process is the writer now."""
        ...

    def merge(self) -> int:
        """Fold small parts of the index together; returns how many were merged."""
        ...

    @property
    def location(self) -> str:
        """Where the index lives, for messages."""
        ...

    def start(self) -> None:
        """Start this process's writer threads."""
        ...

    def close(self) -> None:
        """Stop them and release what the backend holds open."""
        ...
