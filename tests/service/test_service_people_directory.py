"""People from their first visit, the @ autocomplete, and low profile, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from comments_service import db
from comments_service.models import GroupMember, Person
from comments_service.people.directory import listed
from service_helpers import Member, manifest, manifest_page


def test_a_first_visit_stores_the_person_with_department_and_groups(app: Flask, person: Any) -> None:
    eva = person("eva", "Eva Smit", ["Team HR", "Ambassadeurs"])
    assert eva.get("/api/me", headers={"X-Plein-Department": "Personeelszaken"}).status_code == 200
    with app.app_context():
        stored = db.session().get(Person, "eva")
        assert (stored.name, stored.email, stored.department) == ("Eva Smit", "eva@example.nl", "Personeelszaken")
        assert stored.last_seen is not None
        groups = set(db.session().scalars(select(GroupMember.group).where(GroupMember.person_id == "eva")))
    assert groups == {"Team HR", "Ambassadeurs"}

    eva.groups = ["Ambassadeurs"]  # she left HR
    eva.get("/api/me")
    with app.app_context():
        groups = set(db.session().scalars(select(GroupMember.group).where(GroupMember.person_id == "eva")))
    assert groups == {"Ambassadeurs"}


def test_the_autocomplete_offers_colleagues_by_any_word_of_their_name(person: Any, client: FlaskClient) -> None:
    for member in (person("sanne", "Sanne de Vries"), person("sven", "Sven Vos"), person("piet", "Piet Sanders")):
        member.get("/api/me")
    asker = person("kees", "Kees")
    found = asker.get("/api/people?q=san").json["people"]
    assert [(p["name"], p["handle"]) for p in found] == [("Piet Sanders", "piet"), ("Sanne de Vries", "sanne")]
    assert [p["name"] for p in asker.get("/api/people?q=V").json["people"]] == ["Sanne de Vries", "Sven Vos"]
    assert asker.get("/api/people?q=%25").json["people"] == []  # LIKE's wildcard is a plain character
    assert client.get("/api/people?q=san").status_code == 401  # names are for colleagues


def test_low_profile_people_are_in_no_autocomplete_and_their_mentions_stay_plain_text(
    sync: Any, person: Any, sanne: Member
) -> None:
    sync(manifest(manifest_page("werk/thuis")))
    quiet = person("stil", "Stille Sam")
    quiet.get("/api/me")
    assert quiet.patch("/api/me/profile", {"low_profile": True}).json["low_profile"] is True

    assert sanne.get("/api/people?q=stil").json["people"] == []
    posted = sanne.comment("werk/thuis", "Vraag aan @stil over het rooster")
    assert "mention" not in posted["html"] and "@stil" in posted["html"]
    assert quiet.get("/api/notifications").json["notifications"] == []
    assert sanne.write("PUT", "/api/follows", {"kind": "person", "target": "stil"}).status_code == 404

    own = quiet.comment("werk/thuis", "Ik schrijf wel gewoon mee")
    assert own["author"]["name"] == "Stille Sam"  # on the page where they wrote, their name shows


def test_profile_changes_are_checked(person: Any) -> None:
    eva = person("eva")
    eva.get("/api/me")
    for body, code in (({"low_profile": "ja"}, "wrong_type"), ({"language": "fr"}, "unknown_language")):
        answer = eva.patch("/api/me/profile", body)
        assert (answer.status_code, answer.json["error"]["code"]) == (400, code)
    assert eva.patch("/api/me/profile", {"language": "en"}).json["language"] == "en"


def _as_proxied(name: str) -> str:
    """A header value as WSGI hands it over: the proxy's UTF-8 bytes read as Latin-1."""
    return name.encode().decode("latin-1")


def test_names_are_found_and_sorted_without_case_or_accents(app: Flask, person: Any) -> None:
    for id_, name in (("ozlem", "Özlem Yılmaz"), ("emile", "Émile Dubois"), ("daan", "de Vries, Daan"),
                      ("zoe", "Zoë Zwart"), ("anna", "Anna Bakker"), ("soren", "Søren Ærø")):
        person(id_, _as_proxied(name)).get("/api/me")
    asker = person("kees", "Kees")
    asker.get("/api/me")

    def found(query: str) -> list[str]:
        return [p["name"] for p in asker.get("/api/people", query_string={"q": query}).json["people"]]

    assert found("ozl") == found("ÖZL") == found("özl") == ["Özlem Yılmaz"]
    assert found("yilm") == ["Özlem Yılmaz"]  # a dotless ı is typed as an i
    assert found("emile") == found("Émi") == ["Émile Dubois"]
    assert found("aer") == found("Ærø") == ["Søren Ærø"]
    assert found("vries") == ["de Vries, Daan"]
    with app.app_context():
        everyone, _ = listed(db.session(), "", 1)
    assert [colleague.name for colleague in everyone] == [
        "Anna Bakker", "de Vries, Daan", "Émile Dubois", "Kees", "Özlem Yılmaz", "Søren Ærø", "Zoë Zwart"]


def test_a_changed_name_is_found_by_its_new_form(person: Any, sync: Any) -> None:
    sync(manifest(manifest_page("werk/thuis")))
    eva = person("eva", "Eva Smit")
    eva.get("/api/me")
    asker = person("kees", "Kees")
    eva.name = _as_proxied("Éva Smit-Çelik")  # renamed in the directory: her next write stores it
    eva.comment("werk/thuis", "Mijn naam is veranderd")
    assert [p["name"] for p in asker.get("/api/people?q=celik").json["people"]] == ["Éva Smit-Çelik"]
    assert asker.get("/api/people?q=smit-c").json["people"][0]["handle"] == "eva"

    eva.name = _as_proxied("Eva Öztürk")  # and again: now her visit stores it
    eva.get("/api/me")
    assert [p["name"] for p in asker.get("/api/people?q=ozt").json["people"]] == ["Eva Öztürk"]
    assert asker.get("/api/people?q=celik").json["people"] == []
