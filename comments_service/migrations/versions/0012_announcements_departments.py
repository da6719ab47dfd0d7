"""Announcements (who has seen them, their mail outbox) and department accounts (the audit trail of who posted
as a department, and the department a comment was posted as).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from comments_service.models import UTCDateTime

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """The tables, and ``comments.as_department`` (a plain ADD COLUMN: no table copy under SQLite)."""
    op.add_column("comments", sa.Column("as_department", sa.String(255), nullable=True))
    op.create_table(
        "announcements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("page_pk", sa.Integer(), sa.ForeignKey("pages.pk", ondelete="SET NULL"), nullable=True),
        sa.Column("title", sa.String(1024), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("starts", UTCDateTime(), nullable=False),
        sa.Column("until", UTCDateTime(), nullable=True),
        sa.Column("ended", UTCDateTime(), nullable=True),
        sa.Column("required", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("mail", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("mail_queued", UTCDateTime(), nullable=True),
        sa.Column("author_id", sa.String(255), sa.ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
        sa.Column("department", sa.String(255), nullable=True),
        sa.Column("created", UTCDateTime(), nullable=False),
    )
    op.create_index("uq_announcements_page", "announcements", ["page_pk"], unique=True,
                    sqlite_where=sa.text("source = 'content'"), postgresql_where=sa.text("source = 'content'"))
    op.create_table(
        "announcement_seen",
        sa.Column("announcement_id", sa.Integer(), sa.ForeignKey("announcements.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("person_id", sa.String(255), sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("how", sa.String(16), nullable=False),
        sa.Column("seen", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_announcement_seen_person_id", "announcement_seen", ["person_id"])
    op.create_table(
        "announcement_mails",
        sa.Column("announcement_id", sa.Integer(), sa.ForeignKey("announcements.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("person_id", sa.String(255), sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("claim", sa.String(32), nullable=True),
        sa.Column("mailed_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_announcement_mails_state", "announcement_mails", ["state"])
    op.create_index("ix_announcement_mails_claim", "announcement_mails", ["claim"])
    op.create_index("ix_announcement_mails_person_id", "announcement_mails", ["person_id"])
    op.create_table(
        "department_posts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("department", sa.String(255), nullable=False),
        sa.Column("person_id", sa.String(255), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("comment_id", sa.Integer(), sa.ForeignKey("comments.id", ondelete="CASCADE"), nullable=True),
        sa.Column("announcement_id", sa.Integer(), sa.ForeignKey("announcements.id", ondelete="CASCADE"),
                  nullable=True),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("comment_id"),
        sa.UniqueConstraint("announcement_id"),
    )
    op.create_index("ix_department_posts_department", "department_posts", ["department"])
    op.create_index("ix_department_posts_person_id", "department_posts", ["person_id"])


def downgrade() -> None:
    """Drop them again."""
    op.drop_table("department_posts")
    op.drop_table("announcement_mails")
    op.drop_table("announcement_seen")
    op.drop_index("uq_announcements_page", table_name="announcements")
    op.drop_table("announcements")
    op.drop_column("comments", "as_department")
