"""The PostgreSQL backend's tables: one row per search document, its words in a `tsvector` under GIN, and one
row per document and hashtag, for newest-first lists of a tag.

They are derived data, like the Whoosh index: filled from the service's tables by drains, syncs and rebuilds.
Migrations 0005 and 0013 create them on PostgreSQL only, so they are no models of the service (`models.py`):
Alembic's comparisons of the models with a database leave them out (derived.py).
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, MetaData, String, Table, Text
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR

TABLE = "search_documents"
TAGS_TABLE = "search_hashtags"
CONFIGS: dict[str, str] = {"nl": "dutch", "en": "english"}
"""PostgreSQL's text search configuration for each indexed language (schema.LANGUAGES): Snowball stemmers,
the same algorithms as the Whoosh backend's, and each language's stop words."""

COLUMNS = "doc_id, kind, page_id, title, url, text, language, hashtags, author, created"
"""The columns a hit is read from; the upsert writes them and the two vectors."""

metadata = MetaData()

documents = Table(
    TABLE,
    metadata,
    Column("doc_id", Text, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("page_id", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("language", String(8), nullable=False),
    Column("hashtags", ARRAY(Text), nullable=False),
    Column("author", Text),
    Column("created", DateTime(timezone=True)),
    Column("vector", TSVECTOR, nullable=False),
    Column("stressed", TSVECTOR, nullable=False),
)
"""The columns the backend reads and writes; its GIN indexes (on `vector`, `stressed` and `hashtags`) are the
migrations'. `stressed` is the part of `vector` a document stresses: the words of its title and those it holds
at least twice, with all their positions (pg_reads.py ranks a common word's matches by it)."""

tags = Table(
    TAGS_TABLE,
    metadata,
    Column("doc_id", Text, ForeignKey(f"{TABLE}.doc_id", ondelete="CASCADE"), primary_key=True),
    Column("tag", Text, primary_key=True),
    Column("created", DateTime(timezone=True)),
)
"""Each document's hashtags again, with its date: a btree on (tag, created) lists a tag newest first and counts it
from the index alone, which GIN on `hashtags` cannot (it finds every tagged row, then sorts)."""


def stressed_sql(vector: str) -> str:
    """SQL for the `stressed` part of the tsvector expression `vector`: its lexemes of weight A (a page's title)
    or with two positions or more (ts_delete keeps every position of the lexemes it keeps)."""
    return (f"ts_delete({vector}, ARRAY(SELECT lexeme FROM unnest({vector})"
            " WHERE array_length(positions, 1) < 2 AND NOT 'A' = ANY(weights)))")

