"""The plain data that crosses the search seam: documents in, results out.

Nothing here knows about Whoosh, Flask or SQLAlchemy, so another backend (PostgreSQL full text) can take
the same objects. Documents also travel through the spool as JSON, hence the dict round trip.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

log = logging.getLogger(__name__)

Kind = Literal["page", "comment"]
KINDS: tuple[str, ...] = ("page", "comment")


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing: a page (from the manifest) or a visible comment (from the database).

    `doc_id` is unique across kinds (`page:<id>`, `comment:<id>`, see `page_doc_id` / `comment_doc_id`);
    `url` is relative to the site root, for a comment its permalink `<page url>#comment-<id>`;
    `hashtags` are slugs; `created` is timezone aware (naive values are taken as UTC).
    """

    doc_id: str
    kind: Kind
    page_id: str
    title: str
    url: str
    text: str
    language: str = "nl"
    hashtags: tuple[str, ...] = ()
    author: str | None = None
    created: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO 8601), as the spool keeps a synced page; built from the fields, not by
        `dataclasses.asdict`, whose deep copy of every value took a seventh of the CPU of spooling and indexing one."""
        return vars(self) | {
            "hashtags": list(self.hashtags), "created": self.created.isoformat() if self.created else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SearchDocument:
        """The inverse of `to_dict`."""
        created = data.get("created")
        return cls(
            doc_id=data["doc_id"],
            kind=data["kind"],
            page_id=data["page_id"],
            title=data["title"],
            url=data["url"],
            text=data["text"],
            language=data.get("language") or "nl",
            hashtags=tuple(data.get("hashtags") or ()),
            author=data.get("author"),
            created=datetime.fromisoformat(created) if created else None,
        )


def page_doc_id(page_id: str) -> str:
    """The search id of a page."""
    return f"page:{page_id}"


_COMMENT_PREFIX = "comment:"


def comment_doc_id(comment_id: int | str) -> str:
    """The search id of a comment."""
    return f"{_COMMENT_PREFIX}{comment_id}"


def comment_number(doc_id: str) -> int | None:
    """The comment id inside a comment's search id; None for any other id."""
    number = doc_id.removeprefix(_COMMENT_PREFIX)
    return int(number) if number != doc_id and number.isdecimal() else None


def as_utc(moment: datetime) -> datetime:
    """Aware UTC, taking naive datetimes as UTC (what SQLite gives back)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class SearchHit:
    """One result; `snippet` is HTML: matches in `<mark>`, everything else escaped."""

    kind: str
    doc_id: str
    page_id: str
    title: str
    url: str
    snippet: str
    author: str | None
    created: datetime | None
    hashtags: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The shape the API answers with."""
        return {
            "kind": self.kind,
            "doc_id": self.doc_id,
            "page_id": self.page_id,
            "title": self.title,
            "url": self.url,
            "snippet": self.snippet,
            "author": self.author,
            "created": self.created.isoformat() if self.created else None,
            "hashtags": list(self.hashtags),
        }


def first_of_each(docs: Iterable[SearchDocument]) -> Iterator[SearchDocument]:
    """The first document of each id, as a rebuild keeps it (a source should not give one twice; it is logged)."""
    seen: set[str] = set()
    for doc in docs:
        if doc.doc_id in seen:
            log.warning("search: rebuild skips duplicate %s", doc.doc_id)
            continue
        seen.add(doc.doc_id)
        yield doc


def hit_of_row(row: Any, snippet: str, *, hashtags: Iterable[str], created: datetime | None) -> SearchHit:
    """A hit from a database backend's row of a document (`hashtags` and `created` as the backend reads them)."""
    return SearchHit(kind=row.kind, doc_id=row.doc_id, page_id=row.page_id, title=row.title, url=row.url,
                     snippet=snippet, author=row.author, created=created, hashtags=tuple(hashtags))


@dataclass(frozen=True)
class SearchResults:
    """One page of results and the number of matches in all (for very common words at least 1,000: COUNT_LIMIT)."""

    query: str
    total: int
    hits: list[SearchHit] = field(default_factory=list)
