"""Alembic environment: runs the migrations on the engine the service hands over.

The service calls Alembic programmatically (``comments_service.db.upgrade``), passing its engine in
``config.attributes["engine"]``; there is no alembic.ini and no offline mode.
"""

from __future__ import annotations

from alembic import context

from comments_service.schema import metadata
from comments_service.search.derived import outside_models


def run_migrations() -> None:
    """Run the pending migrations in one transaction on the service's engine."""
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            include_name=outside_models,  # autogenerate leaves the search backends' tables (0005, 0020) alone
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
