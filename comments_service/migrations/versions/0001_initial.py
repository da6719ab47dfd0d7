"""People, pages, comments, revisions, reactions and hashtag uses.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the first tables."""
    op.create_table(
        "pages",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("identity", sa.String(length=512), nullable=False),
        sa.Column("url", sa.String(length=1024), nullable=False),
        sa.Column("title", sa.String(length=1024), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.Column("archived", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("text_hash", sa.String(length=128), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("identity"),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page_pk", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.String(length=255), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("edited", sa.DateTime(), nullable=True),
        sa.CheckConstraint("state IN ('visible', 'removed', 'hidden')", name="ck_comments_state"),
        sa.ForeignKeyConstraint(["author_id"], ["people.id"]),
        sa.ForeignKeyConstraint(["page_pk"], ["pages.pk"]),
        sa.ForeignKeyConstraint(["parent_id"], ["comments.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_comments_author_id", "comments", ["author_id"])
    op.create_index("ix_comments_page_created", "comments", ["page_pk", "created"])
    op.create_index("ix_comments_parent_id", "comments", ["parent_id"])
    op.create_table(
        "page_aliases",
        sa.Column("alias", sa.String(length=512), nullable=False),
        sa.Column("page_pk", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["page_pk"], ["pages.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("alias"),
    )
    op.create_index("ix_page_aliases_page_pk", "page_aliases", ["page_pk"])
    op.create_table(
        "comment_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_comment_revisions_comment_id", "comment_revisions", ["comment_id"])
    op.create_table(
        "hashtag_uses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=255), nullable=False),
        sa.Column("page_pk", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"]),
        sa.ForeignKeyConstraint(["page_pk"], ["pages.pk"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("page_pk", "comment_id", "slug", name="uq_hashtag_uses_target_slug"),
    )
    op.create_index("ix_hashtag_uses_comment_id", "hashtag_uses", ["comment_id"])
    op.create_index("ix_hashtag_uses_page_pk", "hashtag_uses", ["page_pk"])
    op.create_index("ix_hashtag_uses_slug_created", "hashtag_uses", ["slug", "created"])
    op.create_table(
        "reactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page_pk", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.String(length=255), nullable=False),
        sa.Column("emoji", sa.String(length=32), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"]),
        sa.ForeignKeyConstraint(["page_pk"], ["pages.pk"]),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reactions_comment_id", "reactions", ["comment_id"])
    op.create_index("ix_reactions_page_pk", "reactions", ["page_pk"])
    op.create_index(
        "uq_reactions_comment",
        "reactions",
        ["person_id", "comment_id", "emoji"],
        unique=True,
        sqlite_where=sa.text("comment_id IS NOT NULL"),
        postgresql_where=sa.text("comment_id IS NOT NULL"),
    )
    op.create_index(
        "uq_reactions_page",
        "reactions",
        ["person_id", "page_pk", "emoji"],
        unique=True,
        sqlite_where=sa.text("comment_id IS NULL"),
        postgresql_where=sa.text("comment_id IS NULL"),
    )


def downgrade() -> None:
    """Drop every table (and its indexes) in dependency order."""
    for table in ("reactions", "hashtag_uses", "comment_revisions", "page_aliases", "comments", "people", "pages"):
        op.drop_table(table)
