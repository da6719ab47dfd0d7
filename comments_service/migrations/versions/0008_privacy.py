"""Privacy and the data lifecycle: an audit of erasures (without whom), the source ids of imported comments, and
when a comment was removed (its text is purged after the retention period).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from comments_service.models import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """The audit, the import sources and comments' removal time."""
    op.add_column("comments", sa.Column("removed_at", UTCDateTime(), nullable=True))
    op.create_table(
        "privacy_audit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "import_sources",
        sa.Column("source", sa.String(16), primary_key=True),
        sa.Column("source_id", sa.String(255), primary_key=True),
        sa.Column("comment_id", sa.Integer(), sa.ForeignKey("comments.id", ondelete="CASCADE"), nullable=False),
    )
    op.create_index("ix_import_sources_comment_id", "import_sources", ["comment_id"])


def downgrade() -> None:
    """Drop them."""
    op.drop_index("ix_import_sources_comment_id", table_name="import_sources")
    op.drop_table("import_sources")
    op.drop_table("privacy_audit")
    op.drop_column("comments", "removed_at")  # in place: a batch copy of comments would cascade to revisions
