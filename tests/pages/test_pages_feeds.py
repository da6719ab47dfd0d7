"""Atom feeds per page, hashtag and person, and the activity stream (JSON and HTML): low-profile names never show."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from comments_service.pages import stream

from pages_helpers import ATOM, atom, entries, find_all, parse, text
from service_helpers import PAGE, Member, manifest, manifest_page


def test_a_page_feed_lists_its_comments_newest_first_with_stable_ids(
    page: str, sanne: Member, joost: Member, client: FlaskClient, sync: Any
) -> None:
    first = sanne.comment(PAGE, "Eerste **vet**")
    second = joost.comment(PAGE, "Tweede")
    sanne.comment("nieuws", "Elders")
    feed = atom(client.get(f"/api/feeds/pages/{PAGE}.atom"))
    found = entries(feed)
    assert [entry["link"] for entry in found] == [f"http://intranet.test/{PAGE}/#comment-{second['id']}",
                                                  f"http://intranet.test/{PAGE}/#comment-{first['id']}"]
    assert found[0]["authors"] == ["Joost Bakker"] and "<strong>vet</strong>" in found[1]["content"]
    assert all(entry["id"].startswith("urn:uuid:") for entry in found)
    assert feed.find(ATOM + "title").text == "Comments on Privacy en persoonsgegevens"  # type: ignore[union-attr]
    # The page moves: its feed answers under the new identity and the old one, with the same ids.
    sync(manifest(manifest_page("beleid/privacy", url="beleid/privacy/", former_ids=[PAGE]), manifest_page("nieuws")))
    moved = entries(atom(client.get("/api/feeds/pages/beleid/privacy.atom")))
    assert [entry["id"] for entry in moved] == [entry["id"] for entry in found]
    assert moved[0]["link"].startswith("http://intranet.test/beleid/privacy/#comment-")
    assert [entry["id"] for entry in entries(atom(client.get(f"/api/feeds/pages/{PAGE}.atom")))] == [
        entry["id"] for entry in found]
    assert client.get("/api/feeds/pages/nergens.atom").status_code == 404


def test_hashtag_and_person_feeds(page: str, sanne: Member, joost: Member, client: FlaskClient) -> None:
    tagged = sanne.comment(PAGE, "Over #WOL")
    joost.comment(PAGE, "Zonder tag")
    [entry] = entries(atom(client.get("/api/feeds/hashtags/wol.atom")))
    assert entry["link"].endswith(f"#comment-{tagged['id']}")
    assert entries(atom(client.get("/api/feeds/hashtags/ongebruikt.atom"))) == []
    assert client.get("/api/feeds/hashtags/123.atom").status_code == 404
    [by_joost] = entries(atom(client.get("/api/feeds/people/joost.atom")))
    assert by_joost["authors"] == ["Joost Bakker"]
    assert client.get("/api/feeds/people/niemand.atom").status_code == 404


def test_characters_xml_cannot_hold_are_left_out(page: str, person: Any, client: FlaskClient) -> None:
    bell = person("bell", "Jan\x07 Bel")
    bell.comment(PAGE, "Hallo")
    [entry] = entries(atom(client.get(f"/api/feeds/pages/{PAGE}.atom")))
    assert entry["authors"] == ["Jan Bel"]
    assert atom(client.get("/api/feeds/hashtags/%1F.atom")) is not None


def test_feeds_never_name_low_profile_people(page: str, sanne: Member, joost: Member, client: FlaskClient) -> None:
    sanne.comment(PAGE, "Stil #wol")
    sanne.patch("/api/me/profile", {"low_profile": True})
    assert client.get("/api/feeds/people/sanne.atom").status_code == 404
    for path in (f"/api/feeds/pages/{PAGE}.atom", "/api/feeds/hashtags/wol.atom"):
        body = client.get(path).get_data(as_text=True)
        [entry] = entries(atom(client.get(path)))
        assert "Sanne" not in body and entry["authors"] == [] and entry["title"].startswith("A colleague")


def test_the_activity_stream_newest_first_paginated_without_low_profile_names(
    page: str, sanne: Member, joost: Member, client: FlaskClient
) -> None:
    for n in range(21):
        joost.comment(PAGE if n % 2 else "nieuws", f"Gesprek {n}")
    quiet = sanne.comment(PAGE, "Van een stille collega")
    sanne.patch("/api/me/profile", {"low_profile": True})
    first = client.get("/api/activity").json
    assert first["pages"] == 2 and len(first["items"]) == 20
    newest = first["items"][0]
    assert newest["id"] == quiet["id"] and newest["author"] is None
    assert newest["page"] == {"id": PAGE, "title": "Privacy en persoonsgegevens", "url": f"/{PAGE}/"}
    assert first["items"][1]["author"] == {"id": "joost", "name": "Joost Bakker", "url": "/people/joost/"}
    second = client.get("/api/activity?page=2").json
    assert [item["excerpt"] for item in second["items"]] == ["Gesprek 1", "Gesprek 0"]
    assert client.get("/api/activity?page=0").status_code == 400
    root = parse(client.get("/me/activity/"))
    items = find_all(root, "li", class_="plein-tagged__page")
    assert len(items) == 20 and "Sanne" not in text(root) and "A colleague" in text(items[0])
    assert find_all(items[1], "a", href="/people/joost/")


def test_lists_page_back_through_the_newest_comments_only(
    page: str, joost: Member, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "LISTED_AT_MOST", 25)  # 1,000 in the service: a count costs what it counts
    for n in range(45):
        joost.comment(PAGE, f"Gesprek {n}")
    last = client.get("/api/activity?page=2").json
    assert last["pages"] == 2 and [item["excerpt"] for item in last["items"]][-1] == "Gesprek 5"  # newest 40
    assert client.get("/api/activity?page=3").json == {"items": [], "page": 3, "pages": 2}
    assert client.get("/me/activity/?page=3").status_code == 404
    assert client.get("/people/joost/?page=2").status_code == 200
    assert client.get("/people/joost/?page=3").status_code == 404
    assert len(entries(atom(client.get(f"/api/feeds/pages/{PAGE}.atom")))) == 45  # a feed counts nothing: all 45
