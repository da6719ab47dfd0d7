"""The notification queue: comments whose notifications the job worker is still to write.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """The notification_queue table."""
    op.create_table(
        "notification_queue",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("comment_id", sa.Integer(), sa.ForeignKey("comments.id", ondelete="CASCADE"), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
    )
    op.create_index("ix_notification_queue_comment_id", "notification_queue", ["comment_id"])


def downgrade() -> None:
    """Drop the queue (notifications still to write are lost with it)."""
    op.drop_index("ix_notification_queue_comment_id", table_name="notification_queue")
    op.drop_table("notification_queue")
