"""SQLite search in the database: documents, their words under FTS5, their hashtags (search/sqlite_schema.py).

SQLite installs searched a Whoosh index in files beside the database, written by a process of its own; a comment's
indexing there cost several times what SQLite's own full text costs (docs/performance.md, step 30). The tables
start empty: the service builds them from its own tables at its next start, as it builds a missing Whoosh index.
SQLite only, and only where it has FTS5 (the service then keeps to Whoosh, config.py), as 0005 is PostgreSQL's.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from comments_service.search.sqlite_schema import CREATE, DROP, fts5_available

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | None = None
depends_on: str | None = None


def _sqlite_with_fts5() -> bool:
    return op.get_bind().dialect.name == "sqlite" and fts5_available()


def upgrade() -> None:
    """Create the three tables (empty)."""
    if _sqlite_with_fts5():
        for statement in CREATE:
            op.execute(statement)


def downgrade() -> None:
    """Drop them; the Whoosh index is built again from the service's tables when it is chosen."""
    if _sqlite_with_fts5():
        for statement in DROP:
            op.execute(statement)
