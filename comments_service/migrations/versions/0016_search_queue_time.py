"""When a comment was queued for search, so ``/api/health`` can tell a search writer that stopped draining.

Rows queued before this migration have no time: they are counted as waiting but give no age.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from comments_service.models import UTCDateTime

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``search_queue.queued_at`` (nullable: the rows already waiting have none)."""
    op.add_column("search_queue", sa.Column("queued_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    """Drop it again."""
    with op.batch_alter_table("search_queue") as batch:
        batch.drop_column("queued_at")
