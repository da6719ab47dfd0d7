"""PostgreSQL full-text search: the documents table of `PLEIN_SEARCH_BACKEND=postgres`, with GIN indexes.

Created on PostgreSQL only (SQLite installs search with Whoosh); empty until that backend first builds it.

Revision ID: 0005_search_pg
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005_search_pg"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def _on_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    """Create ``search_documents``: one row per page or comment, its words in ``vector``, its tags in ``hashtags``."""
    if not _on_postgresql():
        return
    op.create_table(
        "search_documents",
        sa.Column("doc_id", sa.Text(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("page_id", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("hashtags", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("author", sa.Text()),
        sa.Column("created", sa.DateTime(timezone=True)),
        sa.Column("vector", postgresql.TSVECTOR(), nullable=False),
    )
    # Without GIN's pending list (fastupdate): new entries wait there unsorted until a vacuum, and every search
    # reads the whole list, which after a rebuild of 20,000 documents made searches ten times slower (40 ms
    # instead of 4). Rows are written by drains and rebuilds only, never by a request, so they bear the cost.
    for name, column in (("ix_search_documents_vector", "vector"), ("ix_search_documents_hashtags", "hashtags")):
        op.create_index(
            name, "search_documents", [column], postgresql_using="gin", postgresql_with={"fastupdate": "off"}
        )


def downgrade() -> None:
    """Drop it again (its indexes go with it)."""
    if _on_postgresql():
        op.drop_table("search_documents")
