"""PostgreSQL search: a tag's newest documents from a btree, and the words each document stresses (issue 16).

- ``search_hashtags``: each document's tags again, with its date, under a btree on (tag, created): a tag's
  newest documents and its count come from that index (GIN on ``hashtags`` found every row of a popular tag
  and sorted them all, 40 ms for 15,000 of 102,000);
- ``search_documents.stressed``: the lexemes of ``vector`` in a page's title or held at least twice, under GIN,
  so a common word is ranked among the few documents that stress it first (search/pg_reads.py).

Both are filled here from the documents there are, so search keeps answering through the upgrade.
PostgreSQL only, as 0005 (SQLite installs search with Whoosh).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from comments_service.search.pg_schema import stressed_sql

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None


def _on_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    """Add ``stressed`` (filled, then indexed) and ``search_hashtags`` (created, then filled)."""
    if not _on_postgresql():
        return
    op.add_column("search_documents", sa.Column("stressed", postgresql.TSVECTOR()))
    op.execute(f"UPDATE search_documents SET stressed = {stressed_sql('vector')}")
    op.alter_column("search_documents", "stressed", nullable=False)
    op.create_index("ix_search_documents_stressed", "search_documents", ["stressed"], postgresql_using="gin",
                    postgresql_with={"fastupdate": "off"})  # as 0005's GIN indexes, for the same reason
    op.create_table(
        "search_hashtags",
        sa.Column("doc_id", sa.Text(), sa.ForeignKey("search_documents.doc_id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("tag", sa.Text(), primary_key=True),
        sa.Column("created", sa.DateTime(timezone=True)),
    )
    newest_first: list[str | sa.TextClause] = ["tag", sa.text("created DESC NULLS LAST"), "doc_id"]
    op.create_index("ix_search_hashtags_newest", "search_hashtags", newest_first)
    op.execute("INSERT INTO search_hashtags (doc_id, tag, created)"
               " SELECT DISTINCT doc_id, unnest(hashtags), created FROM search_documents")


def downgrade() -> None:
    """Drop them again."""
    if _on_postgresql():
        op.drop_table("search_hashtags")
        op.drop_index("ix_search_documents_stressed", table_name="search_documents")
        op.drop_column("search_documents", "stressed")
