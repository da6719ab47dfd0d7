"""A queue of comments to index, written in the same transaction as the change (see ``SearchQueue``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create ``search_queue``."""
    op.create_table(
        "search_queue",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("comment_id", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    """Drop it again."""
    op.drop_table("search_queue")
