"""Writes need identity, a CSRF token, the same origin and JSON; they are rate limited; errors are JSON."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from service_helpers import Member


def test_a_write_without_csrf_token_is_refused(page: str, sanne: Member) -> None:
    response = sanne.post(f"/api/pages/{page}/comments", {"text": "x"}, headers={"X-CSRF-Token": ""})
    assert (response.status_code, response.json["error"]["code"]) == (403, "csrf")


def test_another_persons_token_is_worthless(page: str, sanne: Member, joost: Member) -> None:
    response = sanne.post(f"/api/pages/{page}/comments", {"text": "x"}, headers={"X-CSRF-Token": joost.csrf})
    assert (response.status_code, response.json["error"]["code"]) == (403, "csrf")


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://intranet.test.evil.example"},
        {"Origin": "http://localhost"},  # the Host the request names, not the configured site (issue 15)
    ],
)
def test_cross_site_writes_are_refused(page: str, sanne: Member, headers: dict[str, str]) -> None:
    response = sanne.post(f"/api/pages/{page}/comments", {"text": "x"}, headers=headers)
    assert (response.status_code, response.json["error"]["code"]) == (403, "cross_site")
    assert sanne.get(f"/api/pages/{page}/thread").json["comment_count"] == 0


@pytest.mark.parametrize("origin", ["http://intranet.test", "HTTP://Intranet.Test"])
def test_same_origin_writes_pass(page: str, sanne: Member, origin: str) -> None:
    response = sanne.post(f"/api/pages/{page}/comments", {"text": "x"}, headers={"Origin": origin})
    assert response.status_code == 201


def test_writes_must_be_json(page: str, sanne: Member) -> None:
    form = "application/x-www-form-urlencoded"
    response = sanne.post(f"/api/pages/{page}/comments", data="text=x", content_type=form)
    assert (response.status_code, response.json["error"]["code"]) == (415, "unsupported_media_type")


@pytest.mark.plein_settings(PLEIN_RATELIMIT_ENABLED="1", PLEIN_RATELIMIT_WRITE="3 per minute")
def test_writes_are_rate_limited_per_person_with_a_json_429(page: str, sanne: Member, joost: Member) -> None:
    path = f"/api/pages/{page}/comments"
    assert [sanne.post(path, {"text": f"{n}"}).status_code for n in range(3)] == [201, 201, 201]
    limited = sanne.post(path, {"text": "te veel"})
    assert limited.status_code == 429 and limited.json["error"]["code"] == "too_many_requests"
    assert int(limited.headers["Retry-After"]) > 0
    assert all(sanne.get(f"/api/pages/{page}/thread").status_code == 200 for _ in range(5)), "reads are not limited"
    assert joost.post(path, {"text": "ik wel"}).status_code == 201
    assert sanne.get(f"/api/pages/{page}/thread").json["comment_count"] == 4


def test_responses_carry_security_headers(client: Any) -> None:
    response = client.get("/api/me")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_unknown_routes_and_methods_answer_json(client: Any, sanne: Member, page: str) -> None:
    missing = client.get("/api/nergens")
    assert (missing.status_code, missing.json["error"]["code"]) == (404, "not_found")
    wrong = client.put(f"/api/pages/{page}/thread")
    assert (wrong.status_code, wrong.json["error"]["code"]) == (405, "method_not_allowed")
    assert "GET" in wrong.headers["Allow"]


def test_reading_never_sets_a_cookie(page: str, sanne: Member, client: Any) -> None:
    for response in (client.get(f"/api/pages/{page}/thread"), sanne.get(f"/api/pages/{page}/thread")):
        assert "Set-Cookie" not in response.headers
        assert "Cookie" not in response.headers.get("Vary", "")


def test_a_race_on_a_unique_row_is_a_409_not_a_500(app: Any) -> None:
    from sqlalchemy.exc import IntegrityError

    def racing() -> None:
        raise IntegrityError("INSERT ...", {}, Exception("UNIQUE constraint failed"))

    app.add_url_rule("/api/test-race", view_func=racing)
    response = app.test_client().get("/api/test-race")
    assert (response.status_code, response.json["error"]["code"]) == (409, "conflict")


def test_an_unexpected_error_is_a_json_500_without_details(app: Any) -> None:
    def broken() -> None:
        raise RuntimeError("secret internals")

    app.add_url_rule("/api/test-broken", view_func=broken)
    response = app.test_client().get("/api/test-broken")
    assert response.status_code == 500 and response.json["error"]["code"] == "internal_server_error"
    assert "secret" not in response.get_data(as_text=True)


@pytest.mark.plein_settings(
    PLEIN_RATELIMIT_ENABLED="1", PLEIN_RATELIMIT_WRITE="2 per minute", PLEIN_RATELIMIT_STORAGE="redis://127.0.0.1:6379"
)
def test_workers_share_the_write_budget_through_redis(settings: dict[str, Any], page: str, person: Any) -> None:
    from comments_service import create_app, db

    from service_helpers import PROXY_ADDRESS, client_from

    member = person(f"redis-{uuid.uuid4().hex}")  # a fresh budget in the shared store
    second_app = create_app(settings)  # another worker
    try:
        path = f"/api/pages/{page}/comments"
        assert member.post(path, {"text": "een"}).status_code == 201
        headers = {**member.identity, "X-CSRF-Token": member.csrf, "Sec-Fetch-Site": "same-origin"}
        second_worker = client_from(second_app, PROXY_ADDRESS)
        assert second_worker.post(path, json={"text": "twee"}, headers=headers).status_code == 201
        assert member.post(path, {"text": "drie"}).status_code == 429
    finally:
        second_app.extensions["plein_search"].close()  # its writer thread would outlive the test's schema
        with second_app.app_context():
            db.engine().dispose()


@pytest.mark.plein_settings(PLEIN_SITE_URL="/")
def test_with_a_relative_site_url_behind_a_proxy_that_ends_tls_the_origin_host_counts(page: str, sanne: Member) -> None:
    response = sanne.post(f"/api/pages/{page}/comments", {"text": "x"}, headers={"Origin": "https://localhost"})
    assert response.status_code == 201
