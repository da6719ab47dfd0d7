"""The SQLite backend's reading SQL: a search's matches by rank, and a tag's documents newest first.

Ranking is FTS5's BM25 with a page's title worth twice its text (schema.TITLE_BOOST), ties newest first. BM25
saturates a word's frequency (forty repetitions weigh about twice one, not forty times) and weighs a match in a
short comment above one in a long page, as readers of comments expect.
"""

from __future__ import annotations

from sqlalchemy import TextClause, text

from .schema import LANGUAGES, TITLE_BOOST
from .sqlite_schema import COLUMNS, TABLE, TAGS_TABLE, WORDS_TABLE

_WEIGHTS = ", ".join(f"{TITLE_BOOST}, 1.0" for _ in LANGUAGES)
"""BM25's weight of each FTS5 column (title_nl, text_nl, title_en, text_en)."""
_HIT = ", ".join(f"d.{column.strip()}" for column in COLUMNS.split(","))

NEWEST_TAGGED = text(
    f"""
    SELECT {_HIT} FROM (
        SELECT doc_id, created FROM {TAGS_TABLE} WHERE tag = :tag
        ORDER BY created DESC, doc_id LIMIT :limit OFFSET :offset
    ) AS newest JOIN {TABLE} AS d USING (doc_id)
    ORDER BY newest.created DESC, newest.doc_id
    """
)
"""One page of a tag's documents, newest first (SQLite sorts NULL last when descending), from the (tag, created)
index; only that page's documents are read."""
COUNT_TAGGED = text(f"SELECT count(*) FROM {TAGS_TABLE} WHERE tag = :tag")


def _matches(*, kind: str | None, hashtag: str | None) -> str:
    """The documents matching `:match` (with their rank), then the kind and tag filters."""
    where = f"{WORDS_TABLE} MATCH :match"
    if kind:
        where += " AND d.kind = :kind"
    if hashtag:
        where += f" AND d.doc_id IN (SELECT doc_id FROM {TAGS_TABLE} WHERE tag = :tag)"
    return f"FROM {WORDS_TABLE} JOIN {TABLE} AS d ON d.id = {WORDS_TABLE}.rowid WHERE {where}"


def ranked_page(*, kind: str | None, hashtag: str | None) -> TextClause:
    """One page (`:limit`, `:offset`) of the matches, best first."""
    return text(
        f"SELECT {_HIT} {_matches(kind=kind, hashtag=hashtag)}"
        f" ORDER BY bm25({WORDS_TABLE}, {_WEIGHTS}), d.created DESC, d.doc_id LIMIT :limit OFFSET :offset"
    )


def count(*, kind: str | None, hashtag: str | None) -> TextClause:
    """How many documents match, up to `:cap`."""
    return text(f"SELECT count(*) FROM (SELECT 1 {_matches(kind=kind, hashtag=hashtag)} LIMIT :cap)")
