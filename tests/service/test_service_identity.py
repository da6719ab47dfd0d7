"""Identity: SSO headers only from the trusted proxy or with its secret; roles; the demo login."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from comments_service import db
from comments_service.clock import utcnow
from comments_service.models import GroupMember, Person

from service_helpers import OTHER_ADDRESS, PROXY_ADDRESS, PROXY_SECRET, Member, manifest, manifest_page

SANNE = {"X-Plein-User": "sanne", "X-Plein-Name": "Sanne de Vries", "X-Plein-Groups": "moderatoren"}


def test_headers_from_the_trusted_proxy_identify(client: Any) -> None:
    client.environ_base["REMOTE_ADDR"] = PROXY_ADDRESS
    body = client.get("/api/me", headers=SANNE).json
    assert body["viewer"] == {"id": "sanne", "name": "Sanne de Vries", "roles": ["member", "moderator"]}
    assert body["demo"] is False and len(body["csrf_token"]) == 64


def test_spoofed_headers_from_elsewhere_are_ignored(app: Flask, page: str, client: Any) -> None:
    assert client.environ_base["REMOTE_ADDR"] == OTHER_ADDRESS
    me = client.get("/api/me", headers=SANNE).json
    assert me == {"viewer": None, "demo": False, "csrf_token": None, "unread": 0, "login": False, "announcements": []}
    response = client.post(f"/api/pages/{page}/comments", json={"text": "nep"}, headers=SANNE)
    assert (response.status_code, response.json["error"]["code"]) == (401, "not_signed_in")


def test_a_header_holding_nul_counts_as_absent(client: Any) -> None:
    """No database text keeps NUL: a user id with it is nobody, a name with it falls back to the id."""
    client.environ_base["REMOTE_ADDR"] = PROXY_ADDRESS
    assert client.get("/api/me", headers={**SANNE, "X-Plein-User": "san\x00ne"}).json["viewer"] is None
    viewer = client.get("/api/me", headers={**SANNE, "X-Plein-Name": "Sanne\x00"}).json["viewer"]
    assert (viewer["id"], viewer["name"]) == ("sanne", "sanne")


def test_the_right_shared_secret_is_accepted_and_a_wrong_one_is_not(client: Any) -> None:
    right = client.get("/api/me", headers={**SANNE, "X-Plein-Proxy-Secret": PROXY_SECRET}).json
    assert right["viewer"]["id"] == "sanne"
    wrong = client.get("/api/me", headers={**SANNE, "X-Plein-Proxy-Secret": PROXY_SECRET + "x"}).json
    assert wrong["viewer"] is None


@pytest.mark.plein_settings(
    PLEIN_HEADER_USER="Remote-User", PLEIN_HEADER_NAME="Remote-Name", PLEIN_TRUSTED_PROXIES="10.0.0.0/8"
)
def test_header_names_and_proxy_networks_are_configurable(client: Any) -> None:
    client.environ_base["REMOTE_ADDR"] = PROXY_ADDRESS
    body = client.get("/api/me", headers={"Remote-User": "kees", "Remote-Name": "Kees"}).json
    assert body["viewer"] == {"id": "kees", "name": "Kees", "roles": ["member"]}
    assert client.get("/api/me", headers={"X-Plein-User": "kees"}).json["viewer"] is None


def test_utf8_names_from_the_proxy_survive(client: Any) -> None:
    client.environ_base["REMOTE_ADDR"] = PROXY_ADDRESS
    raw_name = "Zoë Çelik".encode().decode("latin-1")  # what WSGI makes of the proxy's UTF-8 bytes
    body = client.get("/api/me", headers={"X-Plein-User": "zoe", "X-Plein-Name": raw_name}).json
    assert body["viewer"]["name"] == "Zoë Çelik"


def test_admin_groups_make_admins_and_moderators(person: Any) -> None:
    admin = person("anna", groups=["beheer", "iedereen"])
    assert admin.get("/api/me").json["viewer"]["roles"] == ["member", "moderator", "admin"]


@pytest.mark.plein_settings(PLEIN_MANAGEMENT_GROUPS="directie", PLEIN_MANAGEMENT_PEOPLE="mira",
                            PLEIN_COMMUNICATION_PEOPLE="mira, tess")
def test_roles_come_from_groups_or_from_the_people_named_for_them(person: Any) -> None:
    assert person("mira").get("/api/me").json["viewer"]["roles"] == ["member", "communication", "management"]
    assert person("tess", groups=[]).get("/api/me").json["viewer"]["roles"] == ["member", "communication"]
    assert person("dirk", groups=["directie"]).get("/api/me").json["viewer"]["roles"] == ["member", "management"]
    assert person("kees").get("/api/me").json["viewer"]["roles"] == ["member"]


def test_people_are_stored_from_the_headers_when_they_write(page: str, person: Any) -> None:
    first = person("lotte", "Lotte")
    first.comment(page, "Hoi")
    renamed = person("lotte", "Lotte van Dam")
    renamed.comment(page, "Nieuwe naam")
    authors = {c["author"]["name"] for c in renamed.get(f"/api/pages/{page}/thread").json["comments"]}
    assert authors == {"Lotte van Dam"}


def test_demo_mode_is_off_unless_enabled(client: Any) -> None:
    response = client.post("/api/demo/login", json={"name": "Sanne"})
    assert (response.status_code, response.json["error"]["code"]) == (404, "demo_off")


@pytest.mark.plein_settings(PLEIN_DEMO="1")
def test_demo_login_lets_a_person_pick_a_name(page: str, client: Any) -> None:
    login = client.post("/api/demo/login", json={"name": "  Sanne   de Vries "})
    assert login.status_code == 200
    assert login.json["viewer"] == {"id": "demo:sanne-de-vries", "name": "Sanne de Vries", "roles": ["member"]}
    token = login.json["csrf_token"]
    me = client.get("/api/me").json
    assert me["demo"] is True and me["viewer"]["id"] == "demo:sanne-de-vries" and me["csrf_token"] == token
    created = client.post(f"/api/pages/{page}/comments", json={"text": "Demo!"}, headers={"X-CSRF-Token": token})
    assert created.status_code == 201 and created.json["author"]["name"] == "Sanne de Vries"
    thread = client.get(f"/api/pages/{page}/thread").json
    assert thread["demo"] is True and thread["viewer"]["id"] == "demo:sanne-de-vries"
    assert client.post("/api/demo/logout", headers={"X-CSRF-Token": token}).status_code == 204
    assert client.get("/api/me").json["viewer"] is None


@pytest.mark.plein_settings(PLEIN_DEMO="1")
def test_a_demo_login_needs_a_name(client: Any) -> None:
    assert client.post("/api/demo/login", json={"name": "   "}).status_code == 422
    assert client.post("/api/demo/login", json={}).status_code == 400
    cross_site = client.post("/api/demo/login", json={"name": "x"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross_site.status_code == 403


def test_values_longer_than_the_database_takes_are_cut_or_refused(page: str, client: Any) -> None:
    client.environ_base["REMOTE_ADDR"] = PROXY_ADDRESS
    too_long_id = client.get("/api/me", headers={"X-Plein-User": "x" * 256}).json
    assert too_long_id["viewer"] is None
    headers = {"X-Plein-User": "lange", "X-Plein-Name": "N" * 300, "X-Plein-Email": "e" * 400}
    token = client.get("/api/me", headers=headers).json["csrf_token"]
    path = f"/api/pages/{page}/comments"
    created = client.post(path, json={"text": "Hoi"}, headers={**headers, "X-CSRF-Token": token})
    assert created.status_code == 201 and created.json["author"]["name"] == "N" * 255


def stored_groups_of(app: Flask, person_id: str) -> set[str]:
    """The groups the person's last visit stored."""
    with app.app_context():
        return set(db.session().scalars(select(GroupMember.group).where(GroupMember.person_id == person_id)))


@pytest.mark.plein_settings(PLEIN_DEMO="1", PLEIN_DEMO_GROUPS="Team HR; Team IT")
def test_a_demo_login_is_a_member_of_the_demo_groups_and_owns_their_pages(app: Flask, sync: Any, sanne: Member) -> None:
    assert app.extensions["plein"].demo_groups == ("Team HR", "Team IT")  # names hold spaces
    sync(manifest(manifest_page("teams/hr", owners=["Team HR"]),
                  manifest_page("teams/juridisch", owners=["Team Juz"])))
    with app.app_context():  # a colleague of the demo's history, a member of another team: signing in as her
        # keeps her team besides the demo's groups (she is herself, and a demo login)
        session = db.session()
        session.add(Person(id="demo:hanna-vos", name="Hanna Vos", created=utcnow()))
        session.flush()
        session.add(GroupMember(group="Team Juz", person_id="demo:hanna-vos"))
        session.commit()
    hanna = app.test_client()
    token = hanna.post("/api/demo/login", json={"name": "Hanna Vos"}).json["csrf_token"]
    assert hanna.get("/api/me").status_code == 200  # the visit stores her groups: her own and the demo's
    assert stored_groups_of(app, "demo:hanna-vos") == {"Team HR", "Team IT", "Team Juz"}
    newcomer = app.test_client()
    newcomer.post("/api/demo/login", json={"name": "Nieuw Iemand"})
    assert newcomer.get("/api/me").status_code == 200
    assert stored_groups_of(app, "demo:nieuw-iemand") == {"Team HR", "Team IT"}  # a new name: the demo's groups only

    for page in ("teams/hr", "teams/juridisch"):
        question = sanne.post(f"/api/pages/{page}/comments", {"text": f"Wie weet dit, op {page}?", "question": True})
        assert question.status_code == 201, question.json
    told = hanna.get("/api/notifications").json["notifications"]
    assert sorted((item["kind"], item["url"].split("#")[0]) for item in told) == [
        ("question", "/teams/hr/"), ("question", "/teams/juridisch/")]  # questions on the pages she owns
    mine = hanna.get("/api/questions/my-pages").json["questions"]
    assert [question["page_title"] for question in mine] == ["Hr", "Juridisch"]
    answer = hanna.post("/api/pages/teams/hr/comments", json={"text": "Bij ons.", "parent_id": mine[0]["id"]},
                        headers={"X-CSRF-Token": token})
    assert answer.status_code == 201
    best = hanna.post(f"/api/questions/{mine[0]['id']}/best", json={"answer_id": answer.json["id"]},
                      headers={"X-CSRF-Token": token})
    assert best.status_code == 200, best.json  # an owner marks the best answer
