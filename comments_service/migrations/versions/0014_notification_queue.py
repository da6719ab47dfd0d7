"""The notification queue: comments whose notifications the job worker is still to write; one index fewer to
keep up per hashtag a comment uses (``ix_hashtag_uses_page_pk`` repeats the start of the unique constraint's).

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
    """The notification_queue table (no index but its key: it holds a second's comments); the redundant index
    of hashtag uses by page goes."""
    op.create_table(
        "notification_queue",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("comment_id", sa.Integer(), sa.ForeignKey("comments.id", ondelete="CASCADE"), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
    )
    op.drop_index("ix_hashtag_uses_page_pk", table_name="hashtag_uses")


def downgrade() -> None:
    """Drop the queue (notifications still to write are lost with it); the index of hashtag uses by page back."""
    op.create_index("ix_hashtag_uses_page_pk", "hashtag_uses", ["page_pk"])
    op.drop_table("notification_queue")
