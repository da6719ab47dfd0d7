"""Every bad input gets a JSON error with the right 4xx, never a 500, and changes nothing."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from comments_service import db
from comments_service.schema import metadata

from service_helpers import Member, manifest, manifest_page

PAGE = "richtlijnen/privacy"


@dataclass(frozen=True)
class Case:
    """A request (``{comment}``, ``{elsewhere}`` and ``{removed}`` are filled in) and the answer it must get."""

    name: str
    method: str
    path: str
    status: int
    code: str
    body: object = None
    raw: str | None = None
    content_type: str = "application/json"
    who: str = "sanne"


CASES = [
    Case("malformed json", "POST", f"/api/pages/{PAGE}/comments", 400, "invalid_json", raw='{"text": '),
    Case("json nested too deeply", "POST", f"/api/pages/{PAGE}/comments", 400, "invalid_json", raw="[" * 50_000),
    Case("NUL in the text", "POST", f"/api/pages/{PAGE}/comments", 400, "nul_character", body={"text": "a\x00b"}),
    Case("NUL in a key", "POST", f"/api/pages/{PAGE}/comments", 400, "nul_character", body={"text": "a", "x\x00": [[1]]}),
    Case("NUL in an edit", "PATCH", "/api/comments/{comment}", 400, "nul_character", body={"text": "\x00"}),
    Case("NUL in the page id", "GET", f"/api/pages/{PAGE}%00/thread", 400, "nul_character"),
    Case("NUL in a query", "GET", "/api/counts?page=a%00b", 400, "nul_character"),
    Case("NUL in an emoji", "POST", f"/api/pages/{PAGE}/reactions", 400, "nul_character", body={"emoji": "👍\x00"}),
    Case("NUL in a search", "GET", "/api/search?q=a%00b", 400, "nul_character"),
    Case("NUL in a hashtag", "GET", "/api/hashtags/a%00b", 400, "nul_character"),
    # JSON carries a lone surrogate only escaped; each must be refused, not reach the sanitizer or the database
    Case("lone surrogate in the text", "POST", f"/api/pages/{PAGE}/comments", 400, "lone_surrogate",
         raw='{"text": "a\\ud800b"}'),
    Case("lone low surrogate in an edit", "PATCH", "/api/comments/{comment}", 400, "lone_surrogate",
         raw='{"text": "\\udfff"}'),
    Case("lone surrogate in an emoji", "POST", f"/api/pages/{PAGE}/reactions", 400, "lone_surrogate",
         raw='{"emoji": "\\uD83D"}'),
    Case("lone surrogate in a key", "PUT", "/api/follows", 400, "lone_surrogate",
         raw='{"kind": "page", "target": "x", "\\udabc": 1}'),
    Case("body not an object", "POST", f"/api/pages/{PAGE}/comments", 400, "invalid_body", body=["text"]),
    Case("missing text", "POST", f"/api/pages/{PAGE}/comments", 400, "missing_field", body={}),
    Case("text not a string", "POST", f"/api/pages/{PAGE}/comments", 400, "wrong_type", body={"text": 5}),
    Case("parent id a string", "POST", f"/api/pages/{PAGE}/comments", 400, "wrong_type", body={"text": "x", "parent_id": "1"}),
    Case("parent id a boolean", "POST", f"/api/pages/{PAGE}/comments", 400, "wrong_type", body={"text": "x", "parent_id": True}),
    Case("parent id negative", "POST", f"/api/pages/{PAGE}/comments", 400, "wrong_type", body={"text": "x", "parent_id": -1}),
    Case("parent id beyond any id", "POST", f"/api/pages/{PAGE}/comments", 400, "wrong_type", body={"text": "x", "parent_id": 2**31}),
    Case("missing parent", "POST", f"/api/pages/{PAGE}/comments", 400, "parent_not_found", body={"text": "x", "parent_id": 999999}),
    Case("parent on another page", "POST", f"/api/pages/{PAGE}/comments", 400, "parent_elsewhere", body={"text": "x", "parent_id": "{elsewhere}"}),
    Case("parent removed", "POST", f"/api/pages/{PAGE}/comments", 409, "parent_gone", body={"text": "x", "parent_id": "{removed}"}),
    Case("unknown page", "POST", "/api/pages/bestaat-niet/comments", 404, "page_not_found", body={"text": "x"}),
    Case("archived page", "POST", "/api/pages/oud/comments", 409, "page_archived", body={"text": "x"}),
    Case("empty text", "POST", f"/api/pages/{PAGE}/comments", 422, "text_empty", body={"text": " \n\t "}),
    Case("oversize text", "POST", f"/api/pages/{PAGE}/comments", 413, "text_too_long", body={"text": "x" * 5001}),
    Case("oversize body", "POST", f"/api/pages/{PAGE}/comments", 413, "text_too_long", body={"text": "x" * 70000}),
    Case("form instead of json", "POST", f"/api/pages/{PAGE}/comments", 415, "unsupported_media_type", raw="text=x", content_type="application/x-www-form-urlencoded"),
    Case("no content type", "POST", f"/api/pages/{PAGE}/comments", 415, "unsupported_media_type", raw='{"text": "x"}', content_type=""),
    Case("edit unknown comment", "PATCH", "/api/comments/999999", 404, "comment_not_found", body={"text": "x"}),
    Case("edit id beyond any id", "PATCH", f"/api/comments/{2**31}", 404, "comment_not_found", body={"text": "x"}),
    Case("edit id beyond 64 bits", "PATCH", f"/api/comments/{10**30}", 404, "comment_not_found", body={"text": "x"}),
    Case("edit non-integer id", "PATCH", "/api/comments/abc", 404, "not_found", body={"text": "x"}),
    Case("edit with empty text", "PATCH", "/api/comments/{comment}", 422, "text_empty", body={"text": ""}),
    Case("edit with text null", "PATCH", "/api/comments/{comment}", 400, "wrong_type", body={"text": None}),
    Case("edit a removed comment", "PATCH", "/api/comments/{removed}", 409, "comment_removed", body={"text": "x"}),
    Case("delete unknown comment", "DELETE", "/api/comments/999999", 404, "comment_not_found"),
    Case("delete non-integer id", "DELETE", "/api/comments/1.5", 404, "not_found"),
    Case("hide unknown comment", "POST", "/api/comments/999999/hide", 404, "comment_not_found", who="mila"),
    Case("restore id beyond any id", "POST", f"/api/comments/{10**30}/restore", 404, "comment_not_found", who="mila"),
    Case("delete id beyond any id", "DELETE", f"/api/comments/{2**63}", 404, "comment_not_found"),
    Case("revisions of id beyond any id", "GET", f"/api/comments/{2**31}/revisions", 404, "comment_not_found"),
    Case("reactions of id beyond any id", "GET", f"/api/comments/{10**30}/reactions", 404, "comment_not_found"),
    Case("restore a visible comment", "POST", "/api/comments/{comment}/restore", 409, "wrong_state", who="mila"),
    Case("unknown emoji", "POST", f"/api/pages/{PAGE}/reactions", 422, "unknown_emoji", body={"emoji": "🐍"}),
    Case("emoji not a string", "POST", f"/api/pages/{PAGE}/reactions", 400, "wrong_type", body={"emoji": ["👍"]}),
    Case("missing emoji", "POST", "/api/comments/{comment}/reactions", 400, "missing_field", body={}),
    Case("reaction on unknown page", "POST", "/api/pages/bestaat-niet/reactions", 404, "page_not_found", body={"emoji": "👍"}),
    Case("reaction on archived page", "POST", "/api/pages/oud/reactions", 409, "page_archived", body={"emoji": "👍"}),
    Case("reaction on unknown comment", "POST", "/api/comments/999999/reactions", 404, "comment_not_found", body={"emoji": "👍"}),
    Case("reaction on id beyond any id", "POST", f"/api/comments/{2**31}/reactions", 404, "comment_not_found", body={"emoji": "👍"}),
    Case("unknown api route", "POST", "/api/nergens", 404, "not_found", body={}),
    Case("wrong method", "PUT", "/api/comments/{comment}", 405, "method_not_allowed", body={"text": "x"}),
    Case("anonymous write", "POST", f"/api/pages/{PAGE}/comments", 401, "not_signed_in", body={"text": "x"}, who="anonymous"),
]


def stored_rows(app: Flask) -> dict[str, list[str]]:
    """Every row of every table, to prove a refused request changed nothing."""
    with app.app_context():
        with db.engine().connect() as connection:
            return {
                table.name: sorted(repr(tuple(row)) for row in connection.execute(select(table)))
                for table in metadata.sorted_tables
            }


@pytest.fixture
def scene(app: Flask, sync: Any, sanne: Member, joost: Member) -> dict[str, int]:
    """Pages (one archived), a comment, one removed, and one on another page; ids to fill in."""
    sync(manifest(manifest_page(PAGE), manifest_page("nieuws"), manifest_page("oud")))
    sync(manifest(manifest_page(PAGE), manifest_page("nieuws")))
    comment = sanne.comment(PAGE, "Mijn reactie")
    removed = sanne.comment(PAGE, "Weg ermee")
    sanne.delete(f"/api/comments/{removed['id']}")
    elsewhere = joost.comment("nieuws", "Elders")
    return {"comment": comment["id"], "removed": removed["id"], "elsewhere": elsewhere["id"]}


def fill(value: object, ids: dict[str, int]) -> object:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}") and value[1:-1] in ids:
        return ids[value[1:-1]]
    if isinstance(value, dict):
        return {key: fill(item, ids) for key, item in value.items()}
    return value


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
@pytest.mark.plein_settings(PLEIN_SEARCH_INDEXER="external")  # no drain thread empties search_queue meanwhile
def test_bad_input(case: Case, app: Flask, scene: dict[str, int], person: Any, client: Any) -> None:
    actor = {"sanne": person("sanne"), "mila": person("mila", groups=["moderatoren"])}.get(case.who)
    headers = {"Sec-Fetch-Site": "same-origin"}
    if actor is not None:
        headers.update({**actor.identity, "X-CSRF-Token": actor.csrf})
    data = case.raw if case.raw is not None else (None if case.body is None else app.json.dumps(fill(case.body, scene)))
    before = stored_rows(app)
    response = (actor.client if actor else client).open(
        case.path.format(**scene), method=case.method, data=data, content_type=case.content_type or None, headers=headers
    )
    assert response.status_code == case.status, response.data
    assert response.is_json and set(response.json) == {"error"}
    assert response.json["error"]["code"] == case.code and response.json["error"]["message"]
    assert stored_rows(app) == before


def test_an_escaped_surrogate_pair_is_one_character_and_welcome(app: Flask, scene: dict[str, int], person: Any) -> None:
    sanne = person("sanne")
    answer = sanne.post(f"/api/pages/{PAGE}/comments", data='{"text": "Top \\ud83d\\ude00"}',
                        content_type="application/json")
    assert answer.status_code == 201, answer.json
    assert "Top 😀" in answer.json["html"]


@pytest.mark.plein_settings(PLEIN_DEMO=True)
def test_a_demo_name_with_a_lone_surrogate_is_refused(client: Any) -> None:
    answer = client.post("/api/demo/login", data='{"name": "Anna \\udc00"}', content_type="application/json",
                         headers={"Sec-Fetch-Site": "same-origin"})
    assert (answer.status_code, answer.json["error"]["code"]) == (400, "lone_surrogate")


@pytest.mark.parametrize(("length", "status"), [(100_000, 413), (1_000, 201)])
def test_a_chunked_body_is_held_to_the_size_limit_as_one_with_a_length(
    scene: dict[str, int], person: Any, length: int, status: int
) -> None:
    """Without a Content-Length the body is read up to the limit: beyond it is 413, never a cut body's 400."""
    sanne = person("sanne")
    body = b'{"text": "' + b"x" * length + b'"}'
    answer = sanne.client.post(
        f"/api/pages/{PAGE}/comments",
        headers={**sanne.identity, "X-CSRF-Token": sanne.csrf, "Content-Type": "application/json",
                 "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True},
    )
    assert answer.status_code == status, answer.json
    if status == 413:
        assert answer.json["error"]["code"] == "text_too_long"  # a comment's body: the same as a 10 KB comment
