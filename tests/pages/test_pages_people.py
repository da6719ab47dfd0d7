"""People pages: who someone is and what they wrote, at the address mentions link to; Follow without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from comments_service import db
from comments_service.notifications.follows import Target, is_following
from pages_helpers import button, find_all, forms, parse, submit, text
from service_helpers import PAGE, Member


def low_profile(member: Member) -> None:
    assert member.patch("/api/me/profile", {"low_profile": True}).status_code == 200


def test_a_people_page_shows_name_department_comments_newest_first_and_hashtags(
    page: str, sanne: Member, joost: Member, client: FlaskClient
) -> None:
    sanne.get("/api/me", headers={"X-Plein-Department": "Communicatie"})
    first = sanne.comment(PAGE, "Eerst dit over #privacy")
    second = sanne.comment("nieuws", "Dan dit, ook #WOL en #privacy")
    joost.comment(PAGE, "Niet van Sanne #gedoe")

    response = client.get("/people/sanne/")  # anonymous readers too: the comments already name her
    assert response.status_code == 200
    root = parse(response)
    assert text(find_all(root, "h1")[0]) == "Sanne de Vries"
    assert "Communicatie" in text(root)
    items = find_all(root, "li", class_="plein-tagged__page")
    assert [item.find(".//{http://www.w3.org/1999/xhtml}a").get("href") for item in items] == [  # type: ignore[union-attr]
        f"/nieuws/#comment-{second['id']}", f"/{PAGE}/#comment-{first['id']}"]
    assert "Dan dit, ook #WOL en #privacy" in text(items[0]) and "Nieuws" in text(items[0])
    tags = [text(link) for link in find_all(root, "a", class_="hashtag")]
    assert tags[0] == "#privacy" and set(tags) == {"#privacy", "#wol"}
    assert find_all(root, "a", href="/api/feeds/people/sanne.atom")
    assert not forms(root) or all(form.get("action") != "/people/sanne/" for form in forms(root))
    assert not find_all(root, "a", href="/people/")  # the directory is for signed-in readers
    assert find_all(parse(joost.get("/people/sanne/")), "a", href="/people/")


def test_comments_are_paginated(page: str, sanne: Member, client: FlaskClient) -> None:
    for n in range(23):
        sanne.comment(PAGE, f"Reactie {n}")
    first, second = parse(client.get("/people/sanne/")), parse(client.get("/people/sanne/?page=2"))
    assert len(find_all(first, "li", class_="plein-tagged__page")) == 20
    rest = find_all(second, "li", class_="plein-tagged__page")
    assert [text(item).split("Reactie ")[-1] for item in rest] == ["2", "1", "0"]
    assert find_all(first, "a", rel="next")[0].get("href") == "/people/sanne/?page=2"
    assert find_all(second, "a", rel="prev")[0].get("href") == "/people/sanne/"
    assert client.get("/people/sanne/?page=3").status_code == 404
    assert client.get("/people/sanne/?page=nul").status_code == 400


def test_unknown_and_low_profile_people_have_no_page(page: str, sanne: Member, client: FlaskClient) -> None:
    sanne.comment(PAGE, "Hallo")
    assert client.get("/people/sanne/").status_code == 200
    low_profile(sanne)
    for path in ("/people/sanne/", "/people/niemand/", "/people/sanne%00/"):
        response = client.get(path)
        assert response.status_code in (404, 400), path
        assert response.mimetype == "text/html"
    assert client.get("/people/sanne/").status_code == 404


def test_an_id_with_a_slash_has_a_page_at_its_encoded_address(page: str, person: Any, client: FlaskClient) -> None:
    ops = person("ops/jan", "Jan van Ops")
    ops.comment(PAGE, "Hallo")
    assert text(find_all(parse(client.get("/people/ops%2Fjan/")), "h1")[0]) == "Jan van Ops"


def test_follow_and_unfollow_with_plain_forms(app: Flask, page: str, sanne: Member, joost: Member) -> None:
    sanne.comment(PAGE, "Hallo")
    [form] = [form for form in forms(parse(joost.get("/people/sanne/"))) if form.get("action") == "/people/sanne/"]
    response = submit(joost, form, button(form, "follow"))
    assert response.status_code == 303 and response.headers["Location"] == "/people/sanne/"
    with app.app_context():
        assert is_following(db.session(), "joost", Target.PERSON, "sanne")
    [form] = [form for form in forms(parse(joost.get("/people/sanne/"))) if form.get("action") == "/people/sanne/"]
    assert submit(joost, form, button(form, "unfollow")).status_code == 303
    with app.app_context():
        assert not is_following(db.session(), "joost", Target.PERSON, "sanne")
    own = parse(sanne.get("/people/sanne/"))
    assert not [form for form in forms(own) if form.get("action") == "/people/sanne/"]  # nobody follows themself


def test_a_follow_form_needs_its_token_the_same_origin_and_a_visible_person(
    page: str, sanne: Member, joost: Member, client: FlaskClient
) -> None:
    sanne.comment(PAGE, "Hallo")
    [form] = [form for form in forms(parse(joost.get("/people/sanne/"))) if form.get("action") == "/people/sanne/"]
    assert submit(joost, form, button(form, "follow"), csrf_token="forged").status_code == 403
    cross = joost.client.post("/people/sanne/", data={"action": "follow", "csrf_token": joost.csrf},
                              headers={**joost.identity, "Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403 and cross.mimetype == "text/html"
    assert client.post("/people/sanne/", data={"action": "follow"}).status_code == 401
    assert submit(joost, form, button(form, "follow"), action="adore").status_code == 400
    low_profile(sanne)
    assert submit(joost, form, button(form, "follow")).status_code == 404


def listed(root: Any) -> list[tuple[str, str | None]]:
    """The directory's entries, department accounts first: (text, link)."""
    return [(text(item), find_all(item, "a")[0].get("href"))
            for found in find_all(root, "ul", class_="plein-colleagues__list") for item in find_all(found, "li")]


def test_the_people_directory_lists_colleagues_by_name_without_low_profile_ones(
    sanne: Member, joost: Member, person: Any, client: FlaskClient
) -> None:
    sanne.get("/api/me", headers={"X-Plein-Department": "Communicatie"})
    joost.get("/api/me")
    kim = person("kim", "Kim van Dijk")
    kim.get("/api/me")
    low_profile(kim)

    assert client.get("/people/").status_code == 401  # a list of everyone: signed-in readers only
    root = parse(sanne.get("/people/"))
    assert text(find_all(root, "h1")[0]) == "Colleagues"
    assert listed(root) == [("Joost Bakker", "/people/joost/"), ("Sanne de Vries Communicatie", "/people/sanne/")]
    assert "Kim" not in text(root)  # low profile: in no list

    assert listed(parse(sanne.get("/people/?q=VRIES"))) == [("Sanne de Vries Communicatie", "/people/sanne/")]
    nobody = parse(sanne.get("/people/?q=ries"))  # no word of a name starts so
    assert listed(nobody) == [] and "No colleagues whose name starts with \u201cries\u201d." in text(nobody)
    assert listed(parse(sanne.get("/people/?q=%25"))) == []  # % and _ are letters here, not LIKE's wildcards


def test_the_people_directory_pages_and_refuses_bad_input_clearly(sanne: Member, person: Any) -> None:
    for n in range(51):
        person(f"p{n:02}", f"Collega {n:02}").get("/api/me")
    first, second = parse(sanne.get("/people/?q=collega")), parse(sanne.get("/people/?q=collega&page=2"))
    assert len(listed(first)) == 50 and listed(first)[0] == ("Collega 00", "/people/p00/")
    assert listed(second) == [("Collega 50", "/people/p50/")]
    assert listed(parse(sanne.get("/people/?q=p07"))) == [("Collega 07", "/people/p07/")]  # by the id too
    assert find_all(first, "a", rel="next")[0].get("href") == "/people/?q=collega&page=2"
    assert find_all(second, "a", rel="prev")[0].get("href") == "/people/?q=collega"
    assert sanne.get("/people/?q=collega&page=3").status_code == 404
    assert sanne.get("/people/?page=nul").status_code == 400
    refused = sanne.get("/people/?q=a%00b")
    assert refused.status_code == 400 and refused.mimetype == "text/html"
    assert listed(parse(sanne.get("/people/?q=" + "Collega 00" + "x" * 5000))) == []  # cut, answered all the same


@pytest.mark.plein_settings(PLEIN_DEPARTMENTS="hr=HR;it=IT-afdeling")
def test_the_people_directory_shows_matching_department_accounts_first(sanne: Member) -> None:
    sanne.get("/api/me")
    assert listed(parse(sanne.get("/people/?q=hr"))) == [("HR @hr", "/departments/hr/")]
    everyone = parse(sanne.get("/people/"))
    assert listed(everyone) == [("HR @hr", "/departments/hr/"), ("IT-afdeling @it", "/departments/it/"),
                                ("Sanne de Vries", "/people/sanne/")]
    assert [text(heading) for heading in find_all(everyone, "h2")] == ["Departments", "People"]
    assert listed(parse(sanne.get("/people/?q=sanne"))) == [("Sanne de Vries", "/people/sanne/")]
