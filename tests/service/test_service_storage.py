"""Storage: the migrations produce the models' schema; SQLite connections are set up for several workers."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask import Flask
from sqlalchemy import text

from comments_service import db
from comments_service.models import Base


def test_the_migrations_produce_the_models_schema(app: Flask) -> None:
    with app.app_context():
        with db.engine().connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert not db.needs_upgrade(db.engine())


def test_db_upgrade_command_is_idempotent(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["db-upgrade"])
    assert result.exit_code == 0 and "up to date" in result.output


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(app: Flask, database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite pragmas")
    with app.app_context():
        with db.engine().connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == db.SQLITE_BUSY_TIMEOUT_MS


def test_a_fresh_database_is_migrated_on_start(tmp_path: Any) -> None:
    from comments_service import create_app

    app = create_app({"PLEIN_DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}", "PLEIN_SECRET_KEY": "k"})
    app.extensions["plein_search"].close()
    with app.app_context():
        assert not db.needs_upgrade(db.engine())
        db.engine().dispose()


def test_the_default_database_lives_in_the_instance_folder(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from comments_service.config import load_settings

    monkeypatch.delenv("PLEIN_DATABASE_URL", raising=False)
    settings = load_settings({"PLEIN_SECRET_KEY": "k"}, tmp_path)
    assert settings.database_url == f"sqlite:///{tmp_path / 'plein.sqlite3'}"
