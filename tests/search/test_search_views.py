"""The search API on a tiny app of our own, `init_search` and the `reindex` command."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from comments_service.search import PostgresBackend, SearchBackend, SearchDocument, WhooshBackend
from comments_service.search.commands import reindex_command
from comments_service.search.views import Opener, init_search
from search_factories import comment, page, wait_until
from service_helpers import search_rebuilds_done

DOCUMENTS = [
    page("vergaderen", "Tips voor online vergaderingen #WOL", title="Vergaderen", hashtags=("WOL",), day=1),
    comment(1, "Goede vergadering gehad! #wol", page_id="vergaderen", hashtags=("wol",), day=2),
    comment(2, "<img src=x onerror=alert(1)> vergaderingen", page_id="vergaderen", day=3),
]


@pytest.fixture(params=["whoosh", pytest.param("postgres", marks=pytest.mark.postgres)])
def opener(request: pytest.FixtureRequest) -> Opener | None:
    """How `init_search` opens its backend: None for its default, Whoosh in `PLEIN_SEARCH_DIR`, or PostgreSQL."""
    if request.param == "whoosh":
        return None
    open_postgres: Callable[..., PostgresBackend] = request.getfixturevalue("open_postgres")
    return lambda feed, _on_needs_rebuild: open_postgres(feed=feed)


@pytest.fixture
def app(tmp_path: Path, opener: Opener | None) -> Iterator[Flask]:
    app = Flask(__name__, instance_path=str(tmp_path / "instance"))
    app.config["PLEIN_SEARCH_DIR"] = str(tmp_path / "search")
    backend = init_search(app, lambda: DOCUMENTS, open_backend=opener)
    assert wait_until(lambda: not backend.needs_rebuild, timeout=10)
    yield app
    search_rebuilds_done(30.0)  # the build thread outlives the flag a moment, and would open the index again
    backend.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_search_answers_json_with_marked_snippets(client: FlaskClient) -> None:
    answer = client.get("/api/search", query_string={"q": "vergadering"})

    assert answer.status_code == 200
    body = answer.get_json()
    assert body["query"] == "vergadering" and body["total"] == 3
    by_id = {result["doc_id"]: result for result in body["results"]}
    assert by_id["comment:2"]["snippet"] == "&lt;img src=x onerror=alert(1)&gt; <mark>vergaderingen</mark>"
    assert by_id["comment:1"] == {
        "kind": "comment", "doc_id": "comment:1", "page_id": "vergaderen", "title": "Nieuws",
        "url": "vergaderen/#comment-1", "snippet": "Goede <mark>vergadering</mark> gehad! #wol", "author": "Sanne",
        "created": "2026-01-03T09:00:00+00:00", "hashtags": ["wol"],
    }


def test_search_filters_by_kind_and_tag(client: FlaskClient) -> None:
    pages = client.get("/api/search", query_string={"q": "vergadering", "kind": "page"}).get_json()
    tagged = client.get("/api/search", query_string={"q": "vergadering", "kind": "comment", "tag": "#WOL"}).get_json()

    assert [r["doc_id"] for r in pages["results"]] == ["page:vergaderen"]
    assert [r["doc_id"] for r in tagged["results"]] == ["comment:1"]


def test_hashtag_endpoint_lists_newest_first(client: FlaskClient) -> None:
    body = client.get("/api/hashtags/WOL").get_json()

    assert body["query"] == "#wol" and body["total"] == 2
    assert [r["doc_id"] for r in body["results"]] == ["comment:1", "page:vergaderen"]
    assert body["results"][1]["snippet"] == "Tips voor online vergaderingen <mark>#WOL</mark>"


def test_second_page_is_empty_for_few_results(client: FlaskClient) -> None:
    body = client.get("/api/search", query_string={"q": "vergadering", "page": "2"}).get_json()

    assert body["total"] == 3 and body["results"] == []


@pytest.mark.parametrize(
    ("path", "params", "code"),
    [
        ("/api/search", {}, "query_missing"),
        ("/api/search", {"q": "   "}, "query_missing"),
        ("/api/search", {"q": "x" * 201}, "query_too_long"),
        ("/api/search", {"q": "koffie", "kind": "user"}, "bad_kind"),
        ("/api/search", {"q": "koffie", "page": "0"}, "bad_page"),
        ("/api/search", {"q": "koffie", "page": "twee"}, "bad_page"),
        ("/api/hashtags/wol", {"page": "-1"}, "bad_page"),
        ("/api/search", {"q": "koffie", "page": "²"}, "bad_page"),  # a digit to isdigit(), not to int()
        ("/api/hashtags/wol", {"page": "9" * 30}, "bad_page"),
    ],
)
def test_bad_requests_get_a_json_400(client: FlaskClient, path: str, params: dict[str, str], code: str) -> None:
    answer = client.get(path, query_string=params)

    assert answer.status_code == 400
    assert answer.get_json()["error"]["code"] == code
    assert answer.get_json()["error"]["message"]


def test_new_comment_reaches_the_api_through_the_writer_thread(app: Flask, client: FlaskClient) -> None:
    app.extensions["plein_search"].index([comment(9, "Verse reactie over de lunchvergadering")])

    def found() -> bool:
        return client.get("/api/search", query_string={"q": "lunchvergadering"}).get_json()["total"] == 1

    assert wait_until(found, timeout=2.0)


def test_a_damaged_whoosh_index_is_rebuilt_when_the_app_starts(tmp_path: Path) -> None:
    search_dir = tmp_path / "search"
    with WhooshBackend(search_dir) as earlier:
        earlier.rebuild(DOCUMENTS[:1])
    live = search_dir / (search_dir / "CURRENT").read_text(encoding="utf-8")
    for path in live.iterdir():
        path.write_bytes(b"garbage")
    app = Flask(__name__, instance_path=str(tmp_path / "instance"))
    app.config["PLEIN_SEARCH_DIR"] = str(search_dir)

    backend = init_search(app, lambda: DOCUMENTS)
    try:
        client = app.test_client()
        assert wait_until(lambda: client.get("/api/search", query_string={"q": "vergadering"}).status_code == 200,
                          timeout=10)
        assert client.get("/api/search", query_string={"q": "vergadering"}).get_json()["total"] == 3
    finally:
        search_rebuilds_done(30.0)
        backend.close()


def test_search_answers_503_until_the_first_build_is_done(tmp_path: Path, opener: Opener | None) -> None:
    released = threading.Event()

    def slow_source() -> Iterator[SearchDocument]:
        released.wait(10)
        yield from DOCUMENTS

    app = Flask(__name__, instance_path=str(tmp_path / "instance"))
    backend = init_search(app, slow_source, open_backend=opener)
    client = app.test_client()
    try:
        waiting = client.get("/api/search", query_string={"q": "vergadering"})
        assert waiting.status_code == 503
        assert waiting.get_json()["error"]["code"] == "search_unavailable"
        if opener is None:
            assert (tmp_path / "instance" / "search" / "writer.lock").exists()  # Whoosh's default directory

        released.set()
        assert wait_until(lambda: client.get("/api/hashtags/wol").status_code == 200, timeout=10)
    finally:
        released.set()
        search_rebuilds_done(30.0)
        backend.close()


def test_reindex_command_rebuilds_from_the_source(app: Flask) -> None:
    def source() -> Iterable[SearchDocument]:
        return [page("nieuw", "Alleen deze pagina na het herindexeren")]

    app.cli.add_command(reindex_command(source))

    result = app.test_cli_runner().invoke(args=["reindex"])

    assert result.exit_code == 0, result.output
    assert "Indexed 1 documents." in result.output
    backend: SearchBackend = app.extensions["plein_search"]
    assert backend.search("herindexeren").total == 1
    assert backend.search("vergadering").total == 0
