"""The SQLite backend's reading SQL: a search's matches by rank, and a tag's documents newest first.

Ranking is FTS5's BM25 with a page's title worth twice its text (schema.TITLE_BOOST), ties newest indexed first. BM25
saturates a word's frequency (forty repetitions weigh about twice one, not forty times) and weighs a match in a
short comment above one in a long page, as readers of comments expect.
"""

from __future__ import annotations

from sqlalchemy import text

from .schema import LANGUAGES, TITLE_BOOST
from .sqlite_schema import COLUMNS, FILTER_COLUMNS, TABLE, TAGS_TABLE, WORDS_TABLE

_WEIGHTS = ", ".join([f"{TITLE_BOOST}, 1.0"] * len(LANGUAGES) + ["0.0"] * len(FILTER_COLUMNS))
"""BM25's weight of each FTS5 column (title_nl, text_nl, title_en, text_en; the filters count for nothing)."""
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


RANKED_PAGE = text(
    f"""
    SELECT {_HIT} FROM (
        SELECT rowid, bm25({WORDS_TABLE}, {_WEIGHTS}) AS rank FROM {WORDS_TABLE} WHERE {WORDS_TABLE} MATCH :match
        ORDER BY rank, rowid DESC LIMIT :limit OFFSET :offset
    ) AS top JOIN {TABLE} AS d ON d.id = top.rowid
    ORDER BY top.rank, top.rowid DESC
    """
)
"""One page (`:limit`, `:offset`) of the documents matching `:match`, best first, ties newest indexed first.

Ranked in the full-text index alone: joining every match to its document's row first (for its date) made a common
word's search three times slower (p95 38 ms against 12.7, at 102,000 documents: docs/performance.md, step 30); only
the page's rows are read."""
COUNT = text(f"SELECT count(*) FROM (SELECT 1 FROM {WORDS_TABLE} WHERE {WORDS_TABLE} MATCH :match LIMIT :cap)")
"""How many documents match, up to `:cap`."""
