"""People are found and sorted by their name without case or accents (``people.name_key``).

SQLite's ``lower()`` folds ASCII only, so ``özlem`` did not find ``Özlem``, ``ozl`` found neither, and names that
start with an accented or lower-case letter (``Émile``, ``de Vries``) sorted after ``Z``. The folded name is stored
beside the name (``comments_service.people.names``); this fills it for the people already known.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from comments_service.people.names import fold_name

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | None = None
depends_on: str | None = None

BATCH = 1000


def upgrade() -> None:
    """Add ``people.name_key``, fill it from every stored name and index it."""
    op.add_column("people", sa.Column("name_key", sa.Text(), nullable=False, server_default=sa.text("''")))
    people = sa.table("people", sa.column("id", sa.String()), sa.column("name", sa.String()),
                      sa.column("name_key", sa.Text()))
    connection = op.get_bind()
    fill = sa.update(people).where(people.c.id == sa.bindparam("person_id")).values(name_key=sa.bindparam("key"))
    stored = connection.execute(sa.select(people.c.id, people.c.name).order_by(people.c.id)).all()
    for start in range(0, len(stored), BATCH):
        batch = stored[start:start + BATCH]
        connection.execute(fill, [{"person_id": id_, "key": fold_name(name)} for id_, name in batch])
    op.create_index("ix_people_name_key", "people", ["name_key"])


def downgrade() -> None:
    """Drop the index and the column."""
    op.drop_index("ix_people_name_key", table_name="people")
    op.drop_column("people", "name_key")  # in place: a batch copy of people would cascade to their rows
