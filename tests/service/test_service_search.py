"""Search wired into the service: writes and syncs reach the index; hidden, removed and archived stay out.

Every test runs on each search backend: Whoosh on both databases, PostgreSQL's full text on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from service_helpers import Member, close_app, eventually, manifest, manifest_page
from sqlalchemy import inspect, text

from comments_service import config, create_app, db
from comments_service.clock import ControlledClock
from comments_service.config import ConfigError
from comments_service.search import PostgresBackend, SqliteBackend, WhooshBackend
from comments_service.services.trending import trending


@pytest.fixture(params=["sqlite", "whoosh", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest, settings: dict[str, Any], database_url: str) -> dict[str, Any]:
    """The test app's settings with each search backend; PostgreSQL's starts on an empty documents table.

    `sqlite` and `postgres` search the service's own database, so each runs only on its own kind (start-up
    refuses the other combinations: test_a_database_backend_needs_its_own_kind_of_database).
    """
    own_kind = {"sqlite": "sqlite", "postgres": "postgresql"}.get(request.param)
    if own_kind and not database_url.startswith(own_kind):
        pytest.skip(f"PLEIN_SEARCH_BACKEND={request.param} needs a {own_kind} database")
    if request.param == "postgres":
        engine = db.make_engine(database_url)
        if inspect(engine).has_table("search_documents"):  # else the app's start migrates a fresh schema
            with engine.begin() as connection:
                connection.execute(text("DELETE FROM search_documents"))
        engine.dispose()
    return {**settings, "PLEIN_SEARCH_BACKEND": request.param}


def test_the_setting_chooses_the_backend(app: Flask, settings: dict[str, Any]) -> None:
    chosen = {"sqlite": SqliteBackend, "whoosh": WhooshBackend, "postgres": PostgresBackend}
    assert isinstance(app.extensions["plein_search"], chosen[settings["PLEIN_SEARCH_BACKEND"]])


def default_on_sqlite(settings: dict[str, Any], tmp_path: Path, **more: str) -> dict[str, Any]:
    """The test app's settings on a SQLite database of its own, `PLEIN_SEARCH_BACKEND` unset (or as in `more`)."""
    unset = {name: value for name, value in settings.items() if name != "PLEIN_SEARCH_BACKEND"}
    return {**unset, "PLEIN_DATABASE_URL": f"sqlite:///{tmp_path / 'own.sqlite3'}", **more}


def backend_of(settings: dict[str, Any]) -> type:
    """The class of the search backend an app started with `settings` opens."""
    app = create_app(settings)
    try:
        return type(app.extensions["plein_search"])
    finally:
        close_app(app)


def test_a_sqlite_database_searches_itself_unless_told_otherwise(settings: dict[str, Any], tmp_path: Path) -> None:
    assert backend_of(default_on_sqlite(settings, tmp_path)) is SqliteBackend


def test_a_sqlite_without_full_text_searches_with_whoosh(
    settings: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "fts5_available", lambda: False)

    assert backend_of(default_on_sqlite(settings, tmp_path)) is WhooshBackend
    with pytest.raises(ConfigError, match="and a SQLite with FTS5"):
        create_app(default_on_sqlite(settings, tmp_path, PLEIN_SEARCH_BACKEND="sqlite"))


def test_a_database_backend_needs_its_own_kind_of_database(settings: dict[str, Any], tmp_path: Path) -> None:
    sqlite = {**settings, "PLEIN_DATABASE_URL": f"sqlite:///{tmp_path / 'other.sqlite3'}"}
    postgresql = {**settings, "PLEIN_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:5432/test"}

    with pytest.raises(ConfigError, match="needs PLEIN_DATABASE_URL to name a PostgreSQL database"):
        create_app({**sqlite, "PLEIN_SEARCH_BACKEND": "postgres"})
    with pytest.raises(ConfigError, match="needs PLEIN_DATABASE_URL to name a SQLite database"):
        create_app({**postgresql, "PLEIN_SEARCH_BACKEND": "sqlite"})
    with pytest.raises(ConfigError, match="PLEIN_SEARCH_BACKEND must be one of sqlite, whoosh, postgres"):
        create_app({**sqlite, "PLEIN_SEARCH_BACKEND": "solr"})


def found(client: FlaskClient, path: str) -> list[dict[str, Any]]:
    answer = client.get(path)
    assert answer.status_code == 200, answer.json
    return answer.json["results"]


def doc_ids(results: list[dict[str, Any]]) -> set[str]:
    return {result["doc_id"] for result in results}


PAGES = manifest(
    manifest_page("werk/vergaderen", title="Goed vergaderen", text="Over vergaderingen die korter kunnen. #gedoe",
                  hashtags=["gedoe"], updated="2026-10-01T09:00:00+00:00"),
    manifest_page("werk/thuis", title="Thuiswerken", text="Thuiswerken en de koffieautomaat.", hashtags=["wol"]),
)


def test_a_new_comment_is_findable_within_two_seconds(sync: Any, sanne: Member, client: FlaskClient) -> None:
    sync(PAGES)
    comment = sanne.comment("werk/thuis", "De nieuwe koffiebonen zijn een verademing #watdeklantvindt")
    doc = f"comment:{comment['id']}"

    assert eventually(lambda: doc in doc_ids(found(client, "/api/search?q=koffiebonen")))
    hit = next(r for r in found(client, "/api/search?q=koffiebonen") if r["doc_id"] == doc)
    assert hit["url"] == f"werk/thuis/#comment-{comment['id']}"
    assert hit["author"] == sanne.name
    assert "<mark>" in hit["snippet"]


def test_comments_are_found_by_the_words_readers_see_not_by_their_markdown(
    sync: Any, sanne: Member, client: FlaskClient
) -> None:
    sync(PAGES)
    comment = sanne.comment("werk/thuis", "Dit is **belangrijk** en _dringend_: zie [de regeling](https://example.nl/verlof).")
    doc = f"comment:{comment['id']}"

    assert eventually(lambda: doc in doc_ids(found(client, "/api/search?q=belangrijk")))
    assert doc in doc_ids(found(client, "/api/search?q=dringend"))
    assert doc in doc_ids(found(client, "/api/search?q=regeling"))
    assert doc not in doc_ids(found(client, "/api/search?q=verlof"))  # a link's address is not its text
    [hit] = [r for r in found(client, "/api/search?q=belangrijk") if r["doc_id"] == doc]
    assert "**" not in hit["snippet"] and "<mark>belangrijk</mark>" in hit["snippet"]


def test_pages_are_indexed_by_sync_with_dutch_stemming(sync: Any, client: FlaskClient) -> None:
    sync(PAGES)
    assert eventually(lambda: "page:werk/vergaderen" in doc_ids(found(client, "/api/search?q=vergadering")))


def test_a_hashtag_lists_pages_and_comments(sync: Any, sanne: Member, client: FlaskClient) -> None:
    sync(PAGES)
    comment = sanne.comment("werk/thuis", "Weer een formulier in drievoud #Gedoe")
    expected = {"page:werk/vergaderen", f"comment:{comment['id']}"}

    assert eventually(lambda: doc_ids(found(client, "/api/hashtags/gedoe")) == expected)
    kinds = [result["kind"] for result in found(client, "/api/hashtags/gedoe")]
    assert kinds == ["comment", "page"]  # newest first: the comment is of today, the page of October


def test_hidden_and_removed_comments_leave_the_index(
    sync: Any, sanne: Member, moderator: Member, client: FlaskClient
) -> None:
    sync(PAGES)
    hidden = sanne.comment("werk/thuis", "Verborgen opmerking over zwaluwstaarten")
    removed = sanne.comment("werk/thuis", "Verwijderde opmerking over zwaluwstaarten")
    assert eventually(lambda: len(found(client, "/api/search?q=zwaluwstaarten")) == 2)

    assert moderator.post(f"/api/comments/{hidden['id']}/hide").status_code == 200
    assert sanne.delete(f"/api/comments/{removed['id']}").status_code == 200
    assert eventually(lambda: found(client, "/api/search?q=zwaluwstaarten") == [])

    assert moderator.post(f"/api/comments/{hidden['id']}/restore").status_code == 200
    assert eventually(lambda: doc_ids(found(client, "/api/search?q=zwaluwstaarten")) == {f"comment:{hidden['id']}"})


def test_archived_pages_and_their_comments_leave_the_index_and_return(
    sync: Any, sanne: Member, client: FlaskClient
) -> None:
    sync(PAGES)
    comment = sanne.comment("werk/thuis", "Wie heeft de sleutel van de fietsenstalling?")
    wanted = {"page:werk/thuis", f"comment:{comment['id']}"}

    def in_search() -> set[str]:
        return doc_ids(found(client, "/api/search?q=fietsenstalling")) | doc_ids(
            found(client, "/api/search?q=koffieautomaat")
        )

    assert eventually(lambda: in_search() == wanted)
    sync(manifest(PAGES["pages"][0]))  # the build no longer has werk/thuis
    assert eventually(lambda: in_search() == set())
    sync(PAGES)
    assert eventually(lambda: in_search() == wanted)


def test_a_moved_page_takes_its_comments_along_in_search(sync: Any, sanne: Member, client: FlaskClient) -> None:
    sync(PAGES)
    comment = sanne.comment("werk/thuis", "Het rooster voor de stilteruimte hangt bij de lift")
    moved = manifest_page("organisatie/thuiswerken", title="Thuiswerken", text="Thuiswerken en de koffieautomaat.",
                          former_ids=["werk/thuis"])
    sync(manifest(PAGES["pages"][0], moved))

    def moved_along() -> bool:
        hits = found(client, "/api/search?q=stilteruimte")
        return [hit["url"] for hit in hits] == [f"organisatie/thuiswerken/#comment-{comment['id']}"]

    assert eventually(moved_along)
    assert eventually(lambda: "page:werk/thuis" not in doc_ids(found(client, "/api/search?q=koffieautomaat")))


def test_trending_counts_uses_in_the_window_from_the_database(
    app: Flask, sync: Any, sanne: Member, joost: Member, moderator: Member, client: FlaskClient,
    clock: ControlledClock,
) -> None:
    sync(PAGES)  # pages bring #gedoe and #wol once each
    sanne.comment("werk/thuis", "#gedoe met de printer")
    joost.comment("werk/thuis", "Alweer #gedoe")
    hidden = joost.comment("werk/thuis", "#wol is leuk")
    moderator.post(f"/api/comments/{hidden['id']}/hide")

    week = client.get("/api/trending").json["windows"][0]
    assert week["days"] == 7
    # werk/vergaderen's own #gedoe dates from its last change, 2026-10-01; werk/thuis has no date: the sync's
    assert week["hashtags"] == [{"slug": "gedoe", "count": 2}, {"slug": "wol", "count": 1}]

    with app.app_context():
        later = clock.now() + dt.timedelta(days=8)
        assert trending(db.session(), 7, now=later) == []


def test_a_page_hashtag_is_dated_when_the_page_got_it(app: Flask, sync: Any, clock: ControlledClock) -> None:
    """Trends follow what editors do: a first sync of old pages, or a new tag beside old ones, is not a surge."""
    now = clock.now()

    def sync_page(hashtags: list[str], days_ago: int) -> None:
        sync(manifest(manifest_page("werk/vergaderen", hashtags=hashtags,
                                    updated=(now - dt.timedelta(days=days_ago)).isoformat())))

    def counts(days: int) -> dict[str, int]:
        with app.app_context():
            return {tag.slug: tag.count for tag in trending(db.session(), days, now=now)}

    sync_page(["gedoe"], days_ago=40)
    assert counts(7) == {} and counts(30) == {} and counts(60) == {"gedoe": 1}

    sync_page(["gedoe", "wol"], days_ago=1)
    assert counts(7) == {"wol": 1} and counts(60) == {"gedoe": 1, "wol": 1}

    sync_page(["wol"], days_ago=0)
    assert counts(60) == {"wol": 1}


def test_only_changed_pages_are_indexed_again(app: Flask, sync: Any, monkeypatch: Any) -> None:
    sync(PAGES)
    indexed: list[str] = []
    backend = app.extensions["plein_search"]
    original = backend.index
    monkeypatch.setattr(backend, "index", lambda docs: indexed.extend(d.doc_id for d in docs) or original(docs))

    sync(PAGES)
    assert indexed == []

    changed = manifest(PAGES["pages"][0], {**PAGES["pages"][1], "text": "Nieuw: thuiswerken op maandag.",
                                           "text_hash": "hash-new"})
    sync(changed)
    assert indexed == ["page:werk/thuis"]


def test_flask_reindex_rebuilds_from_the_database(app: Flask, sync: Any, sanne: Member, client: FlaskClient) -> None:
    sync(PAGES)
    sanne.comment("werk/thuis", "Een reactie over de parkeergarage")
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 3 documents." in result.output
    assert eventually(lambda: len(found(client, "/api/search?q=parkeergarage")) == 1)
