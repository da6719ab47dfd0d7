"""The session interface skips its work without a session cookie, and answers exactly as Flask's own does."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from comments_service.identity import CookieSessionInterface

from service_helpers import Member


def _session_headers(response: Any) -> tuple[list[str], str]:
    """The Set-Cookie headers with the (time-stamped) signed value blanked, and Vary."""
    cookies = [re.sub(r"^session=[^;]+", "session=<signed>", cookie) for cookie in response.headers.getlist("Set-Cookie")]
    return cookies, response.headers.get("Vary", "")


def _demo_visit(app: Flask, page: str) -> list[tuple[list[str], str, int]]:
    """Anonymous read, a forged cookie, demo login, a write and a read with the cookie, logout."""
    client = app.test_client()
    answers = [client.get(f"/api/pages/{page}/thread")]
    client.set_cookie("session", "vervalst")
    answers.append(client.get("/api/me"))
    client.delete_cookie("session")
    login = client.post("/api/demo/login", json={"name": "Sanne"})
    token = {"X-CSRF-Token": login.json["csrf_token"]}
    answers += [
        login,
        client.post(f"/api/pages/{page}/comments", json={"text": "Hoi"}, headers=token),
        client.get("/api/me"),
        client.post("/api/demo/logout", headers=token),
        client.get("/api/me"),
    ]
    return [(*_session_headers(answer), answer.status_code) for answer in answers]


def test_the_app_uses_the_lean_interface(app: Flask) -> None:
    assert isinstance(app.session_interface, CookieSessionInterface)


@pytest.mark.plein_settings(PLEIN_DEMO="1")
def test_demo_sessions_answer_as_with_flasks_own_interface(app: Flask, page: str) -> None:
    ours = _demo_visit(app, page)
    app.session_interface = SecureCookieSessionInterface()
    assert _demo_visit(app, page) == ours
    assert ours[2][0] == ["session=<signed>; HttpOnly; Path=/; SameSite=Strict"]  # the login sets the cookie
    assert ours[5][0][0].startswith("session=; Expires=Thu, 01 Jan 1970")  # the logout removes it


def test_requests_without_a_cookie_get_none(page: str, sanne: Member) -> None:
    answers = [sanne.get("/api/me"), sanne.post(f"/api/pages/{page}/comments", {"text": "Hoi"})]
    answers.append(sanne.get(f"/api/pages/{page}/thread"))
    assert [_session_headers(answer) for answer in answers] == [([], "")] * 3
