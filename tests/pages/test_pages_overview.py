"""Mijn overzicht: the feed of what one follows, the settings forms, the secret feed address and its renewal."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from comments_service import db
from comments_service.models import Person
from comments_service.notifications.models import Delivery, Kind
from comments_service.notifications.preferences import preferences_of
from pages_helpers import atom, entries, find_all, forms, parse, submit, text
from service_helpers import PAGE, Member


def follow(member: Member, kind: str, target: str) -> None:
    assert member.write("PUT", "/api/follows", {"kind": kind, "target": target}).status_code == 200


def form_to(member: Member, action: str) -> Any:
    [form] = [form for form in forms(parse(member.get("/me/"))) if form.get("action") == action]
    return form


def feed_address(member: Member) -> str:
    [link] = [a for a in find_all(parse(member.get("/me/")), "a", type="application/atom+xml")]
    return link.get("href", "")


def test_the_feed_shows_what_one_follows_newest_first(page: str, sanne: Member, joost: Member, person: Any) -> None:
    eva = person("eva", "Eva Smit")
    eva.get("/api/me")  # known from her first visit
    follow(sanne, "page", PAGE)
    follow(sanne, "hashtag", "WOL")
    follow(sanne, "person", "eva")
    on_page = joost.comment(PAGE, "Op de pagina")
    tagged = joost.comment("nieuws", "Iets met #wol")
    by_eva = eva.comment("nieuws", "Van Eva")
    joost.comment("nieuws", "Niet gevolgd")
    sanne.comment(PAGE, "Mijn eigen reactie")
    root = parse(sanne.get("/me/"))
    items = find_all(root, "li", class_="plein-tagged__page")
    assert [item.find("{http://www.w3.org/1999/xhtml}a").get("href") for item in items] == [  # type: ignore[union-attr]
        f"/nieuws/#comment-{by_eva['id']}", f"/nieuws/#comment-{tagged['id']}", f"/{PAGE}/#comment-{on_page['id']}"]
    assert "Eva Smit" in text(items[0])


def test_low_profile_authors_are_shown_without_their_name(page: str, sanne: Member, joost: Member) -> None:
    follow(sanne, "page", PAGE)
    joost.comment(PAGE, "Van een stille collega")
    joost.patch("/api/me/profile", {"low_profile": True})
    [item] = find_all(parse(sanne.get("/me/")), "li", class_="plein-tagged__page")
    assert "Joost" not in text(item) and "A colleague" in text(item) and "Van een stille collega" in text(item)


def test_the_settings_form_saves_low_profile_language_and_mail(app: Flask, page: str, sanne: Member) -> None:
    sanne.comment(PAGE, "Hallo")
    form = form_to(sanne, "/me/settings")
    response = submit(sanne, form, low_profile="on", language="en", mail_follow="weekly", mail_mention="never")
    assert response.status_code == 303 and response.headers["Location"] == "/me/?notice=saved"
    with app.app_context():
        stored = db.session().get(Person, "sanne")
        assert stored is not None and stored.low_profile and stored.language == "en"
        chosen = preferences_of(db.session(), "sanne")
        assert chosen[Kind.FOLLOW] == Delivery.WEEKLY and chosen[Kind.MENTION] == Delivery.NEVER
        assert chosen[Kind.REPLY] == Delivery.INSTANT
    assert sanne.get("/people/sanne/").status_code == 404
    root = parse(sanne.get("/me/?notice=saved"))
    assert find_all(root, "p", role="status")
    assert find_all(root, "input", name="low_profile")[0].get("checked") is not None
    submit(sanne, form_to(sanne, "/me/settings"), low_profile=None)
    assert sanne.get("/people/sanne/").status_code == 200


def test_bad_settings_change_nothing(app: Flask, page: str, sanne: Member) -> None:
    form = form_to(sanne, "/me/settings")
    assert submit(sanne, form, mail_follow="hourly", low_profile="on").status_code == 400
    assert submit(sanne, form, language="fr").status_code == 400
    assert submit(sanne, form, csrf_token="x").status_code == 403
    with app.app_context():
        stored = db.session().get(Person, "sanne")
        assert stored is not None and not stored.low_profile and stored.language is None


def test_the_personal_feed_needs_no_login_and_its_renewed_address_replaces_the_old(
    page: str, sanne: Member, joost: Member, client: FlaskClient
) -> None:
    follow(sanne, "page", PAGE)
    written = joost.comment(PAGE, "Voor wie de pagina volgt")
    old = feed_address(sanne)
    assert old.startswith("http://intranet.test/api/feeds/me/") and old.endswith(".atom")
    assert feed_address(sanne) == old  # made once
    path = old.removeprefix("http://intranet.test")
    [entry] = entries(atom(client.get(path)))
    assert entry["link"] == f"http://intranet.test/{PAGE}/#comment-{written['id']}"
    assert submit(sanne, form_to(sanne, "/me/feed")).headers["Location"] == "/me/?notice=renewed"
    new = feed_address(sanne)
    assert new != old
    gone = client.get(path)
    assert gone.status_code == 404 and "renewed" in gone.json["error"]["message"]
    assert len(entries(atom(client.get(new.removeprefix("http://intranet.test"))))) == 1
    assert client.get("/api/feeds/me/forged.atom").status_code == 404


def test_the_overview_is_for_signed_in_people(client: FlaskClient) -> None:
    assert client.get("/me/").status_code == 401
    assert client.post("/me/feed").status_code in (401, 403)


@pytest.mark.plein_settings(PLEIN_COMMUNICATION_GROUPS="communicatie", PLEIN_MANAGEMENT_GROUPS="directie")
def test_the_overview_leads_to_ones_questions_data_and_listing_and_figures_only_for_their_roles(
    page: str, sanne: Member, person: Any
) -> None:
    def links(member: Member) -> list[str]:
        return [a.get("href", "") for a in find_all(parse(member.get("/me/")), "a")]

    reader = links(sanne)
    assert {"/questions/mine/", "/me/data/", "/analytics/listing"} <= set(reader)
    assert "/analytics/" not in reader
    for role_group in ("communicatie", "directie"):
        assert "/analytics/" in links(person(f"lid-{role_group}", groups=[role_group]))
