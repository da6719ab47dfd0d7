"""A conversation's outline from an index alone: ``ix_comments_page_created`` (page, created) becomes
``ix_comments_page_outline`` (page, created, id, parent, state), which covers the query that chooses the comments
of a thread's answer, so a long conversation's texts and HTML are read only for the comments the answer holds.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """The wider index in place of the narrower (one index per comment written, as before)."""
    op.create_index("ix_comments_page_outline", "comments", ["page_pk", "created", "id", "parent_id", "state"])
    op.drop_index("ix_comments_page_created", table_name="comments")


def downgrade() -> None:
    """The index of comments by page and time, as it was."""
    op.create_index("ix_comments_page_created", "comments", ["page_pk", "created"])
    op.drop_index("ix_comments_page_outline", table_name="comments")
