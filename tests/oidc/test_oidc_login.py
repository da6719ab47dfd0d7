"""OpenID Connect login against a real provider (node-oidc-provider on 127.0.0.1), on SQLite and PostgreSQL:
login with PKCE, who it makes the viewer, logout, an ended login, a forged state, a code for another client."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from flask.testing import FlaskClient

from comments_service.clock import ControlledClock
from oidc_helpers import CALLBACK, SITE, sign_in_at_provider


def log_in(client: FlaskClient, login: str, next_path: str = "/nieuws/") -> str:
    """Sign ``login`` in through the provider; returns where the service sends the browser afterwards."""
    start = client.get(f"/api/auth/login?next={next_path}")
    assert start.status_code == 302
    back = sign_in_at_provider(start.headers["Location"], login, stop_at=CALLBACK)
    parts = urlsplit(back)
    answer = client.get(f"{parts.path}?{parts.query}")
    assert answer.status_code == 303, answer.get_data(as_text=True)
    return answer.headers["Location"]


def test_login_uses_the_code_flow_with_pkce_and_a_nonce(client: FlaskClient, openid_provider: str) -> None:
    start = client.get("/api/auth/login")
    query = parse_qs(urlsplit(start.headers["Location"]).query)
    assert start.headers["Location"].startswith(f"{openid_provider}/auth")
    assert query["response_type"] == ["code"] and query["client_id"] == ["plein"]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["nonce"] and query["state"] and query["redirect_uri"] == [CALLBACK]


def test_a_login_makes_the_viewer_from_the_claims_and_the_service_knows_them(client: FlaskClient) -> None:
    assert client.get("/api/me").json["viewer"] is None
    assert client.get("/api/me").json["login"] is True
    assert log_in(client, "sanne", "/nieuws/") == "/nieuws/"
    me = client.get("/api/me").json
    assert me["viewer"] == {"id": "sanne", "name": "Sanne de Vries", "roles": ["member", "moderator"]}
    assert me["csrf_token"]
    person = client.get("/api/people/sanne")  # known from the first visit, with the department from the claims
    assert person.status_code in (200, 404)  # the people API may not list single persons; the page does
    page = client.get("/people/sanne/")
    assert page.status_code == 200 and "HR" in page.get_data(as_text=True)


def test_a_signed_in_person_writes_with_the_csrf_token(client: FlaskClient, sync: object, page: str) -> None:
    log_in(client, "joost")
    token = client.get("/api/me").json["csrf_token"]
    posted = client.post(f"/api/pages/{page}/comments", json={"text": "Hallo via OpenID"},
                         headers={"X-CSRF-Token": token, "Origin": SITE})
    assert posted.status_code == 201
    assert posted.json["author"]["name"] == "Joost Bakker"


def test_next_never_leaves_the_site(client: FlaskClient) -> None:
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        assert log_in(client, "joost", target) == "/"


def test_logout_ends_the_login_here_and_at_the_provider(client: FlaskClient, openid_provider: str) -> None:
    log_in(client, "sanne")
    out = client.post("/api/auth/logout", headers={"Origin": SITE})
    assert out.status_code == 303
    assert out.headers["Location"].startswith(f"{openid_provider}/session/end")
    assert parse_qs(urlsplit(out.headers["Location"]).query)["post_logout_redirect_uri"] == [f"{SITE}/"]
    assert client.get("/api/me").json["viewer"] is None


def test_logout_from_another_site_is_refused(client: FlaskClient) -> None:
    log_in(client, "sanne")
    assert client.post("/api/auth/logout", headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.get("/api/me").json["viewer"]["id"] == "sanne"


def test_a_login_ends_after_the_configured_hours(client: FlaskClient, clock: ControlledClock) -> None:
    log_in(client, "sanne")
    clock.advance(dt.timedelta(hours=9, minutes=59))
    assert client.get("/api/me").json["viewer"]["id"] == "sanne"
    clock.advance(dt.timedelta(minutes=1))
    assert client.get("/api/me").json["viewer"] is None


def test_a_forged_state_signs_nobody_in(client: FlaskClient) -> None:
    start = client.get("/api/auth/login")
    back = sign_in_at_provider(start.headers["Location"], "sanne", stop_at=CALLBACK)
    query = parse_qs(urlsplit(back).query)
    forged = client.get(f"/api/auth/callback?code={query['code'][0]}&state=forged-state")
    assert forged.status_code == 400
    assert "opnieuw aan" in forged.get_data(as_text=True) or "again" in forged.get_data(as_text=True)
    assert client.get("/api/me").json["viewer"] is None


def test_a_callback_without_a_login_started_here_is_refused(client: FlaskClient) -> None:
    assert client.get("/api/auth/callback?code=x&state=y").status_code == 400
    assert client.get("/api/auth/callback").status_code == 400


def test_a_code_issued_to_another_client_signs_nobody_in(client: FlaskClient, openid_provider: str) -> None:
    """The provider issues a code for another application (another audience) to a browser that started a login
    here; the service's exchange is refused, and nobody is signed in."""
    start = client.get("/api/auth/login")
    ours = parse_qs(urlsplit(start.headers["Location"]).query)
    theirs = requests.Request("GET", f"{openid_provider}/auth", params={
        "client_id": "other-app", "response_type": "code", "scope": "openid", "redirect_uri": CALLBACK,
        "state": ours["state"][0], "nonce": ours["nonce"][0],
        "code_challenge": ours["code_challenge"][0], "code_challenge_method": "S256",
    }).prepare().url
    back = sign_in_at_provider(theirs, "sanne", stop_at=CALLBACK)
    answer = client.get(f"{urlsplit(back).path}?{urlsplit(back).query}")
    assert answer.status_code == 400
    assert client.get("/api/me").json["viewer"] is None


@pytest.mark.plein_settings(PLEIN_OIDC_ISSUER="http://127.0.0.1:9")  # the discard port: nobody answers there
def test_the_provider_being_down_gives_a_clear_answer(client: FlaskClient) -> None:
    answer = client.get("/api/auth/login", headers={"Accept-Language": "nl"})
    assert answer.status_code == 503
    assert answer.json["error"] == {"code": "login_unavailable",
                                    "message": "De aanmeldservice is niet bereikbaar; probeer het later opnieuw."}
