"""Revisions keep former texts only: the newest revision of each comment, a copy of its current text, goes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Delete each comment's newest revision where it holds the comment's current text.

    A newest revision with another text (which the old rule never wrote) is a former text and stays.
    """
    op.execute(
        """
        DELETE FROM comment_revisions
        WHERE id IN (SELECT max(id) FROM comment_revisions GROUP BY comment_id)
          AND EXISTS (
            SELECT 1 FROM comments
            WHERE comments.id = comment_revisions.comment_id AND comments.text = comment_revisions.text
          )
        """
    )


def downgrade() -> None:
    """Store every comment's current text as its newest revision again."""
    op.execute(
        """
        INSERT INTO comment_revisions (comment_id, text, html, created)
        SELECT id, text, html, coalesce(edited, created) FROM comments ORDER BY id
        """
    )
