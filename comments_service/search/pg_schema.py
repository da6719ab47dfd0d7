"""The PostgreSQL backend's table: one row per search document, its words in a `tsvector` under GIN.

It is derived data, like the Whoosh index: filled from the service's tables by drains, syncs and rebuilds.
Migration 0005 creates it on PostgreSQL only, so it is no model of the service (`models.py`): Alembic's
comparisons of the models with a database leave it out through `outside_models`.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, MetaData, String, Table, Text
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR

TABLE = "search_documents"
CONFIGS: dict[str, str] = {"nl": "dutch", "en": "english"}
"""PostgreSQL's text search configuration for each indexed language (schema.LANGUAGES): Snowball stemmers,
the same algorithms as the Whoosh backend's, and each language's stop words."""

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
)
"""The columns the backend reads and writes; its GIN indexes (on `vector` and `hashtags`) are the migration's."""


def outside_models(name: str | None, type_: str, parent_names: dict[str, str | None]) -> bool:
    """Alembic's `include_name` hook: False for this table and its indexes, which models.py does not hold."""
    if type_ == "table":
        return name != TABLE
    if type_ == "index":
        return parent_names.get("table_name") != TABLE
    return True
