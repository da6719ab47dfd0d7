"""People's profiles, page owners, group members; notifications, follows, mail preferences and schedules.

Revision ID: 0006
Revises: 0005_search_pg
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from comments_service.models import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005_search_pg"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the profile columns and the social tables."""
    # Plain ADD COLUMN (no table copy): SQLite cannot drop a table that others' foreign keys point at.
    op.add_column("people", sa.Column("department", sa.String(255), nullable=True))
    op.add_column("people", sa.Column("language", sa.String(35), nullable=True))
    op.add_column("people", sa.Column("low_profile", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.add_column("people", sa.Column("last_seen", UTCDateTime(), nullable=True))
    op.add_column("people", sa.Column("unread", sa.Integer(), server_default=sa.text("0"), nullable=False))
    op.add_column("people", sa.Column("feed_token", sa.String(64), nullable=True))
    op.create_index("uq_people_feed_token", "people", ["feed_token"], unique=True)
    op.execute("UPDATE people SET email = lower(email) WHERE email IS NOT NULL")
    op.create_index("ix_people_email", "people", ["email"])
    op.create_table(
        "page_owners",
        sa.Column("page_pk", sa.Integer(), sa.ForeignKey("pages.pk", ondelete="CASCADE"), primary_key=True),
        sa.Column("owner", sa.String(255), primary_key=True),
    )
    op.create_table(
        "group_members",
        sa.Column("group", sa.String(255), primary_key=True),
        sa.Column("person_id", sa.String(255), sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_group_members_person_id", "group_members", ["person_id"])
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.String(255), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("topic", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("page_pk", sa.Integer(), sa.ForeignKey("pages.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("comment_id", sa.Integer(), sa.ForeignKey("comments.id", ondelete="CASCADE"), nullable=False),
        sa.Column("actor_id", sa.String(255), sa.ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
        sa.Column("count", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.Column("read_at", UTCDateTime(), nullable=True),
        sa.Column("mail_state", sa.String(16), nullable=False),
        sa.Column("message_id", sa.String(255), nullable=True),
        sa.Column("mailed_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("person_id", "topic", name="uq_notifications_person_topic"),
    )
    op.create_index("ix_notifications_person_created", "notifications", ["person_id", "created"])
    op.create_index("ix_notifications_mail_state", "notifications", ["mail_state"])
    op.create_index("ix_notifications_page_pk", "notifications", ["page_pk"])
    op.create_index("ix_notifications_comment_id", "notifications", ["comment_id"])
    op.create_table(
        "follows",
        sa.Column("person_id", sa.String(255), sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("target_kind", sa.String(16), primary_key=True),
        sa.Column("target", sa.String(255), primary_key=True),
        sa.Column("created", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_follows_target", "follows", ["target_kind", "target"])
    op.create_table(
        "notification_preferences",
        sa.Column("person_id", sa.String(255), sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("delivery", sa.String(16), nullable=False),
    )
    op.create_table(
        "mail_schedules",
        sa.Column("person_id", sa.String(255), sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("last_instant", UTCDateTime(), nullable=True),
        sa.Column("last_digest", UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    """Drop the social tables and the profile columns."""
    for table in ("mail_schedules", "notification_preferences", "follows", "notifications", "group_members",
                  "page_owners"):
        op.drop_table(table)
    op.drop_index("ix_people_email", "people")
    op.drop_index("uq_people_feed_token", "people")
    for column in ("feed_token", "unread", "last_seen", "low_profile", "language", "department"):
        op.drop_column("people", column)
