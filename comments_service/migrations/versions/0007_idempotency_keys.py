"""Idempotency keys: a write sent again with the same key is answered as the first time, not done twice.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from comments_service.models import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """The table of keys, per person."""
    op.create_table(
        "idempotency_keys",
        sa.Column("person_id", sa.String(255), sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("comment_id", sa.Integer(), sa.ForeignKey("comments.id", ondelete="CASCADE"), nullable=True),
        sa.Column("created", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    """Drop the keys."""
    op.drop_table("idempotency_keys")
