"""Questions: a comment posted as a question, its first and best answers, and its escalation claims.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from comments_service.models import UTCDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """The questions table and its indexes."""
    op.create_table(
        "questions",
        sa.Column("comment_id", sa.Integer(), sa.ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("page_pk", sa.Integer(), sa.ForeignKey("pages.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("asked", UTCDateTime(), nullable=False),
        sa.Column("first_answer_id", sa.Integer(), sa.ForeignKey("comments.id", ondelete="SET NULL"), nullable=True),
        sa.Column("first_answer_after", sa.Integer(), nullable=True),
        sa.Column("best_answer_id", sa.Integer(), sa.ForeignKey("comments.id", ondelete="SET NULL"), nullable=True),
        sa.Column("best_answer_after", sa.Integer(), nullable=True),
        sa.Column("best_marked_by", sa.String(255), sa.ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
        sa.Column("escalated_owner", UTCDateTime(), nullable=True),
        sa.Column("escalated_managers", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_questions_page_pk", "questions", ["page_pk"])
    op.create_index("ix_questions_asked", "questions", ["asked"])
    op.create_index(
        "ix_questions_open", "questions", ["asked"],
        sqlite_where=sa.text("first_answer_id IS NULL"), postgresql_where=sa.text("first_answer_id IS NULL"),
    )


def downgrade() -> None:
    """Drop the questions."""
    op.drop_table("questions")
