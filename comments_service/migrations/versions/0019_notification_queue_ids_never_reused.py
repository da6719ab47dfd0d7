"""The notification queue's ids are never used twice on SQLite (``AUTOINCREMENT``).

A job worker takes a batch of the queue by deleting the ids it read, and gives the batch up when some are gone
(another worker took them first). SQLite gives a new row the highest id plus one, so once a worker had emptied
the queue, the next comment's row got an id just taken: a second worker that had read the first row deleted the
new one in its place and told the old comment again (a 409 for the write that ran it) or, when the old comment
concerned nobody, left the new comment's people untold. With ``AUTOINCREMENT`` SQLite never hands out an id again;
PostgreSQL's sequences never did.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | None = None
depends_on: str | None = None


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    """Copy the queue into a table with ``AUTOINCREMENT`` (SQLite cannot add it in place); nothing refers to it."""
    if _sqlite():
        with op.batch_alter_table("notification_queue", recreate="always",
                                  table_kwargs={"sqlite_autoincrement": True}):
            pass


def downgrade() -> None:
    """The queue as before, its rows kept."""
    if _sqlite():
        with op.batch_alter_table("notification_queue", recreate="always",
                                  table_kwargs={"sqlite_autoincrement": False}):
            pass
