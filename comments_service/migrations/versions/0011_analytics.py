"""Analytics: views per page and day, reader sketches, searches per day, the opt-in to named lists, the claims of
the monthly report mailing, closed days' rolled-up figures; indexes on the conversation tables' times.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from comments_service.models import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """The counters and the indexes."""
    op.create_table(
        "analytics_page_views",
        sa.Column("page_pk", sa.Integer(), sa.ForeignKey("pages.pk", ondelete="CASCADE"), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("views", sa.Integer(), nullable=False),
    )
    op.create_index("ix_analytics_page_views_day", "analytics_page_views", ["day"])
    op.create_table(
        "analytics_readers",
        sa.Column("period", sa.String(10), primary_key=True),
        sa.Column("registers", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "analytics_searches",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("query", sa.String(200), primary_key=True),
        sa.Column("searches", sa.Integer(), nullable=False),
        sa.Column("empty", sa.Integer(), nullable=False),
    )
    op.create_table(
        "analytics_listed",
        sa.Column("person_id", sa.String(255), sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("created", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "analytics_report_mailings",
        sa.Column("month", sa.String(10), primary_key=True),
        sa.Column("claimed", UTCDateTime(), nullable=False),
        sa.Column("sent", UTCDateTime(), nullable=True),
    )
    op.create_table(
        "analytics_days",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("comments", sa.Integer(), nullable=False),
        sa.Column("replies", sa.Integer(), nullable=False),
        sa.Column("reactions", sa.Integer(), nullable=False),
        sa.Column("new_participants", sa.Integer(), nullable=False),
    )
    op.create_table(
        "analytics_day_pages",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("page_pk", sa.Integer(), sa.ForeignKey("pages.pk", ondelete="CASCADE"), primary_key=True),
        sa.Column("comments", sa.Integer(), nullable=False),
    )
    op.create_table(
        "analytics_day_hashtags",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("slug", sa.String(255), primary_key=True),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("comments", sa.Integer(), nullable=False),
    )
    op.create_table(
        "analytics_participants",
        sa.Column("period", sa.String(10), primary_key=True),
        sa.Column("registers", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "analytics_views_daily",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("views", sa.Integer(), nullable=False),
    )
    op.create_table(
        "analytics_views_monthly",
        sa.Column("month", sa.String(10), primary_key=True),
        sa.Column("page_pk", sa.Integer(), sa.ForeignKey("pages.pk", ondelete="CASCADE"), primary_key=True),
        sa.Column("views", sa.Integer(), nullable=False),
    )
    op.create_table(
        "analytics_department_participants",
        sa.Column("period", sa.String(10), primary_key=True),
        sa.Column("department", sa.String(255), primary_key=True),
        sa.Column("registers", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_analytics_comments_created", "comments", ["created"])
    op.create_index("ix_analytics_reactions_created", "reactions", ["created"])
    op.create_index("ix_analytics_hashtag_uses_created", "hashtag_uses", ["created"])


def downgrade() -> None:
    """Drop them."""
    for index, table in (("ix_analytics_hashtag_uses_created", "hashtag_uses"),
                         ("ix_analytics_reactions_created", "reactions"), ("ix_analytics_comments_created", "comments")):
        op.drop_index(index, table_name=table)
    for table in ("analytics_department_participants", "analytics_views_monthly", "analytics_views_daily",
                  "analytics_participants", "analytics_day_hashtags", "analytics_day_pages", "analytics_days",
                  "analytics_report_mailings", "analytics_listed", "analytics_searches", "analytics_readers"):
        op.drop_table(table)
    op.drop_index("ix_analytics_page_views_day", table_name="analytics_page_views")
    op.drop_table("analytics_page_views")
