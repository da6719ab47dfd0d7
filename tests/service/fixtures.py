"""Fixtures for the comments service, for every test folder (a plugin of tests/conftest.py): an app on SQLite and on PostgreSQL, clients acting as people.

The database of each backend is migrated once per run; between tests every table is emptied, which
is much faster than migrating again. PostgreSQL gets a schema of its own per run, so parallel runs
don't meet; when PostgreSQL is unreachable its tests fail under CI and are skipped elsewhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete

from comments_service import create_app, db
from comments_service.clock import ControlledClock
from comments_service.schema import metadata
from comments_service.sync import SyncSummary, sync_and_announce

from service_helpers import (
    CLOCK_START,
    OTHER_ADDRESS,
    PAGE,
    POSTGRES_DSN,
    POSTGRES_URL,
    PROXY_ADDRESS,
    PROXY_SECRET,
    SYNC_TOKEN,
    Member,
    client_from,
    manifest,
    manifest_page,
    search_rebuilds_done,
    tell_after_each_write,
    wait_for_first_index,
)


def postgres_schema() -> Iterator[str]:
    try:
        connection = psycopg.connect(POSTGRES_DSN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        message = f"PostgreSQL at {POSTGRES_DSN} is unreachable: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    schema = f"plein_test_{uuid.uuid4().hex[:12]}"
    with connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield schema
        finally:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One database per backend and run: a temporary SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'plein.sqlite3'}"
    else:
        for schema in postgres_schema():
            # Commits need not wait for the disk in tests: the runs stay fast on a busy machine.
            yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}%20-csynchronous_commit%3Doff"


@pytest.fixture
def empty_database_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A database of the same backend without any table, for tests that migrate step by step."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    else:
        for schema in postgres_schema():
            yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "plein_settings(**values): settings of the test app that differ")


@pytest.fixture
def clock() -> ControlledClock:
    """The test app's clock, started at ``CLOCK_START``; ``clock.advance(...)`` moves it on."""
    return ControlledClock(CLOCK_START)


@pytest.fixture
def folder_settings() -> dict[str, Any]:
    """Settings every test of a folder adds (a folder's conftest overrides this, e.g. with a server's address)."""
    return {}


@pytest.fixture
def settings(
    request: pytest.FixtureRequest, database_url: str, tmp_path: Path, clock: ControlledClock,
    folder_settings: dict[str, Any],
) -> dict[str, Any]:
    """The configuration of the test app; ``folder_settings`` and ``@pytest.mark.plein_settings(PLEIN_X=...)``
    change it."""
    values: dict[str, Any] = {
        "TESTING": True,
        "PLEIN_CLOCK": clock,
        "PLEIN_DATABASE_URL": database_url,
        "PLEIN_SECRET_KEY": "secret-key-for-tests",
        "PLEIN_TRUSTED_PROXIES": f"{PROXY_ADDRESS}/32",
        "PLEIN_PROXY_SECRET": PROXY_SECRET,
        "PLEIN_MODERATOR_GROUPS": "moderatoren",
        "PLEIN_ADMIN_GROUPS": "beheer",
        "PLEIN_SYNC_TOKEN": SYNC_TOKEN,
        "PLEIN_RATELIMIT_ENABLED": False,
        "PLEIN_SITE_DIR": str(tmp_path / "site"),
        "PLEIN_SITE_URL": "http://intranet.test/",
        "PLEIN_SEARCH_DIR": str(tmp_path / "search"),
        "PLEIN_JOBS_URL": f"sqlite:///{tmp_path / 'jobs.sqlite3'}",
    }
    values.update(folder_settings)
    marker = request.node.get_closest_marker("plein_settings")
    if marker is not None:
        values.update(marker.kwargs)
    return values


@pytest.fixture
def app(settings: dict[str, Any]) -> Iterator[Flask]:
    """The service, its tables emptied after the test."""
    app = create_app(settings)
    tell_after_each_write(app)
    wait_for_first_index(app)
    yield app
    search_rebuilds_done(30.0)  # a build still going holds a connection, and would open the index again
    app.extensions["plein_search"].close()
    with app.app_context():
        engine = db.engine()
        with engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                connection.execute(delete(table))
        engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """An anonymous client from an address that is not the proxy."""
    return client_from(app, OTHER_ADDRESS)


@pytest.fixture
def person(app: Flask) -> Any:
    """``person("sanne", groups=[...])``: a member whose requests come through the trusted proxy."""

    def make(person_id: str, name: str | None = None, groups: list[str] | None = None) -> Member:
        client = client_from(app, PROXY_ADDRESS)
        return Member(client, person_id, name or person_id.title(), groups or [], f"{person_id}@example.nl")

    return make


@pytest.fixture
def sanne(person: Any) -> Member:
    return person("sanne", "Sanne de Vries")


@pytest.fixture
def joost(person: Any) -> Member:
    return person("joost", "Joost Bakker")


@pytest.fixture
def moderator(person: Any) -> Member:
    return person("mila", "Mila Moderator", ["moderatoren"])


@pytest.fixture
def sync(app: Flask) -> Any:
    """``sync(manifest_dict)``: apply a manifest as the CLI command does and return the summary."""

    def run(data: dict[str, Any]) -> SyncSummary:
        with app.app_context():
            return sync_and_announce(data)

    return run



@pytest.fixture
def page(sync: Any) -> str:
    """One synced page, ``richtlijnen/privacy``, and another, ``nieuws``; returns the first's id."""
    sync(manifest(manifest_page(PAGE, title="Privacy en persoonsgegevens"), manifest_page("nieuws")))
    return PAGE
