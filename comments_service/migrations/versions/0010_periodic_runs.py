"""Periodic runs: the last period each periodic job was queued for, so it runs once per period on any number of hosts.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from comments_service.models import UTCDateTime

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """The periodic_runs table."""
    op.create_table(
        "periodic_runs",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("due", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    """Drop the periodic runs."""
    op.drop_table("periodic_runs")
