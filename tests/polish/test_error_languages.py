"""API errors in the reader's language (issue 11, part 4): every ApiError the service raises has Dutch beside its
English, the answer follows Accept-Language (the widget sends the page's), and Werkzeug's own errors that reach
/api (unknown route, wrong method, body too large, rate limit) speak Dutch too."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from service_helpers import Member

SERVICE = Path(__file__).resolve().parents[2] / "comments_service"
DUTCH = {"Accept-Language": "nl"}
ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}


def raises_without_dutch(package: Path = SERVICE) -> list[str]:
    """Every ``ApiError(...)`` call in ``package``'s source that lacks ``nl=``, as ``file:line``."""
    missing = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "ApiError"
                    and not any(keyword.arg == "nl" for keyword in node.keywords)):
                missing.append(f"{path.relative_to(package.parent)}:{node.lineno}")
    return missing


def test_every_api_error_has_a_dutch_sentence() -> None:
    assert raises_without_dutch() == []


def test_the_scan_finds_an_api_error_without_dutch(tmp_path: Path) -> None:
    (tmp_path / "service").mkdir()
    (tmp_path / "service" / "views.py").write_text(
        'raise ApiError(400, "a", "English.", nl="Nederlands.")\nraise errors.ApiError(400, "b", "Only English.")\n')
    assert raises_without_dutch(tmp_path / "service") == ["service/views.py:2"]


def error(response: Any) -> tuple[int, str, str]:
    body = response.json["error"]
    return response.status_code, body["code"], body["message"]


def test_a_comment_too_long_is_refused_in_the_readers_language(page: str, sanne: Member) -> None:
    path = f"/api/pages/{page}/comments"
    long = {"text": "x" * 5001}
    assert error(sanne.post(path, long, headers=DUTCH)) == (413, "text_too_long", "Een reactie heeft hoogstens 5000 tekens.")
    assert error(sanne.post(path, long, headers=ENGLISH)) == (413, "text_too_long", "A comment has at most 5000 characters.")
    assert error(sanne.post(path, long)) == (413, "text_too_long", "A comment has at most 5000 characters.")


def test_validation_and_permission_errors_answer_in_dutch(page: str, sanne: Member, joost: Member) -> None:
    comment = sanne.comment(page, "Hallo")
    assert error(joost.patch(f"/api/comments/{comment['id']}", {"text": "Van mij"}, headers=DUTCH)) == (
        403, "not_author", "Alleen de schrijver mag deze reactie veranderen.")
    assert error(sanne.post(f"/api/pages/{page}/comments", {"text": "   "}, headers=DUTCH)) == (
        422, "text_empty", "Schrijf eerst iets.")
    assert error(sanne.get("/api/comments/999999/revisions", headers=DUTCH))[1:] == (
        "comment_not_found", "Er is geen reactie 999999.")
    assert error(sanne.post(f"/api/pages/{page}/comments", {"text": 3}, headers=ENGLISH)) == (
        400, "wrong_type", "The field 'text' must be a string.")


def test_werkzeugs_own_errors_on_api_speak_dutch(client: Any, page: str, sanne: Member) -> None:
    assert error(client.get("/api/no-such-route", headers=DUTCH)) == (404, "not_found", "Op dit adres is niets te vinden.")
    assert error(client.get("/api/no-such-route", headers=ENGLISH))[2].startswith("The requested URL was not found")
    wrong = sanne.write("PUT", f"/api/pages/{page}/thread", headers=DUTCH)
    assert error(wrong) == (405, "method_not_allowed", "Dit adres aanvaardt deze methode niet.")
    assert "GET" in wrong.headers["Allow"]


@pytest.mark.plein_settings(PLEIN_RATELIMIT_ENABLED="1", PLEIN_RATELIMIT_WRITE="1 per minute")
def test_the_rate_limit_answers_in_dutch_with_the_wait(page: str, sanne: Member) -> None:
    path = f"/api/pages/{page}/comments"
    assert sanne.post(path, {"text": "een"}).status_code == 201
    limited = sanne.post(path, {"text": "twee"}, headers=DUTCH)
    wait = limited.headers["Retry-After"]
    assert error(limited) == (429, "too_many_requests", f"Te veel schrijfacties na elkaar; probeer het over {wait} s opnieuw.")
    assert error(sanne.post(path, {"text": "drie"}, headers=ENGLISH))[2].startswith("Too many writes")
