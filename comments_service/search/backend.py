"""The seam every search backend implements (Whoosh today, PostgreSQL full text later)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from .documents import SearchDocument, SearchResults

Progress = Callable[[int], None]
"""Called during a rebuild with the number of documents indexed since the previous call."""


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

    def refresh(self) -> None:
        """Make the next search see the latest committed index."""
        ...
