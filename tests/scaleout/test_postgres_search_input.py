"""Bad input to search on the PostgreSQL backend, through the whole service (JSON API and the HTML pages).

`tests/search/test_search_postgres.py` holds the backend itself to reading PostgreSQL's query syntax as words;
here every way a reader reaches it (`/api/search` with its `tag` filter, `/api/hashtags/<slug>`, the `search/`
and `tags/<tag>/` pages) answers such input, very long input and text in any script with a clear answer in the
reader's language: 200 with results, or a 4xx that says what is wrong; never a 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from comments_service import db

from service_helpers import PAGE, Member, eventually

pytestmark = pytest.mark.postgres

OPERATORS = ['"onafgesloten', "koffie & thee", "koffie | thee", "!koffie", "koffie:*", "koffie:* & !", "(((", ")",
             "'", "''", "\\", "koffie <-> thee", "koffie <2> thee", "NOT", "NOT NOT", "OR OR koffie", "koffie OR",
             "AND", "koffie AND NOT", "-koffie", "+koffie", "koffie*", "ko?fie", "~koffie", "koffie^2", "[koffie]",
             "{koffie}", "koffie;", "%", "_", "*", "&&&", "|||", "!!!", ":*:*", "a:*b", "\"koffie\" & 'thee'"]
SCRIPTS = ["Καφές", "кофе", "咖啡", "コーヒー", "커피", "قهوة", "קפה", "कॉफ़ी", "กาแฟ", "ყავა", "🙂 koffie", "☕",
           "e\u0301", "koffie\u200dthee", "\u202ekoffie", "ｋｏｆｆｉｅ", "ß", "İstanbul", "Ǆ", "\U0001d4b6"]
LONG = ["&|!:*'" * 33, "k " * 100, "koffie OR " * 19 + "thee", "NOT " * 50, "x" * 200]


@pytest.fixture(scope="module")
def database_url(shared_database_url: str) -> str:
    """PostgreSQL only: the service's search runs in the database."""
    return shared_database_url


@pytest.fixture
def folder_settings() -> dict[str, Any]:
    return {"PLEIN_SEARCH_BACKEND": "postgres"}


@pytest.fixture
def found(app: Flask, page: str, sanne: Member) -> Iterator[FlaskClient]:
    """A client, once a comment with words and a hashtag is findable (and nothing an earlier test indexed is)."""
    with app.app_context(), db.engine().begin() as connection:
        connection.execute(text("DELETE FROM search_documents WHERE kind = 'comment'"))
    comment = sanne.comment(PAGE, "Koffie en thee bij de #kick-off")
    client = app.test_client()

    def indexed() -> bool:
        answer = client.get("/api/search", query_string={"q": "koffie"})
        return answer.status_code == 200 and any(hit["doc_id"] == f"comment:{comment['id']}"
                                                 for hit in answer.get_json()["results"])

    assert eventually(indexed, 5)
    yield client


def test_query_syntax_any_script_and_long_queries_get_results_never_an_error(found: FlaskClient) -> None:
    failures = []
    for query in [*OPERATORS, *SCRIPTS, *LONG]:
        for path, params in (("/api/search", {"q": query}), ("/api/search", {"q": "koffie", "tag": query}),
                             ("/api/search", {"q": query, "kind": "comment", "tag": "kick-off"}),
                             ("/search/", {"q": query})):
            answer = found.get(path, query_string=params)
            if answer.status_code != 200:
                failures.append((path, params, answer.status_code))
            elif path.startswith("/api/"):
                body = answer.get_json()
                if not isinstance(body["total"], int) or len(body["results"]) > body["total"]:
                    failures.append((path, params, body))
    assert failures == []


def test_operators_are_read_as_the_words_around_them(found: FlaskClient) -> None:
    for query in ("koffie & thee", '"koffie', "koffie:*", "!!koffie", "(koffie)", "KOFFIE|thee"):
        body = found.get("/api/search", query_string={"q": query}).get_json()

        assert body["total"] == 1 and "<mark>Koffie</mark>" in body["results"][0]["snippet"], query


def test_any_hashtag_gets_an_answer_never_an_error(found: FlaskClient) -> None:
    failures = []
    for tag in [*OPERATORS, *SCRIPTS, "a" * 3000, "kick-off:*", "kick-off&x"]:
        address = quote(tag, safe="")
        api, html = found.get(f"/api/hashtags/{address}"), found.get(f"/tags/{address}/")
        if api.status_code != 200 or html.status_code not in (200, 404) or "<html" not in html.get_data(as_text=True):
            failures.append((tag, api.status_code, html.status_code))
    assert failures == []
    assert found.get("/api/hashtags/kick%00off").get_json()["error"]["code"] == "nul_character"


def test_a_too_long_query_is_refused_in_the_readers_language(found: FlaskClient) -> None:
    query = "koffie " * 30  # 210 characters

    english = found.get("/api/search", query_string={"q": query})
    dutch = found.get("/api/search", query_string={"q": query}, headers={"Accept-Language": "nl"})
    page = found.get("/search/", query_string={"q": query})  # in the language of the site's pages

    assert english.status_code == dutch.status_code == 400
    assert english.get_json()["error"] == {"code": "query_too_long",
                                           "message": "A search query has at most 200 characters."}
    assert dutch.get_json()["error"]["message"] == "Een zoekvraag heeft hoogstens 200 tekens."
    assert page.status_code == 400 and "at most 200 characters" in page.get_data(as_text=True)


def test_a_nul_in_a_query_is_refused_not_sent_to_postgresql(found: FlaskClient) -> None:
    answer = found.get("/api/search?q=koffie%00thee")

    assert answer.status_code == 400 and answer.get_json()["error"]["code"] == "nul_character"
