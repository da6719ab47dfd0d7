"""The notifications page: newest first, paginated, each linking to its comment, marked read with plain forms."""

from __future__ import annotations

from flask.testing import FlaskClient

from pages_helpers import find_all, forms, parse, submit, text
from service_helpers import PAGE, Member

HERE = "/me/notifications/"


def mark_forms(member: Member, path: str = HERE) -> tuple[list, list]:
    """(forms marking one read, the form marking all read) of the page at ``path``."""
    found = [form for form in forms(parse(member.get(path))) if form.get("action") == HERE]
    one = [form for form in found if find_all(form, "input", name="notification")]
    return one, [form for form in found if form not in one]


def test_notifications_newest_first_link_to_their_comments(page: str, sanne: Member, joost: Member) -> None:
    mine = sanne.comment(PAGE, "Wie weet dit?")
    reply = joost.comment(PAGE, "Ik!", parent_id=mine["id"])
    mention = joost.comment("nieuws", "Zie ook @sanne")
    response = sanne.get(HERE)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"
    root = parse(response)
    items = find_all(root, "li", class_="plein-tagged__page")
    links = [item.find("{http://www.w3.org/1999/xhtml}a").get("href") for item in items]  # type: ignore[union-attr]
    assert "Joost Bakker mentioned you" in text(items[0]) and "Joost Bakker replied" in text(items[1])
    assert "2 unread" in text(root)
    assert find_all(root, "a", href="/me/")  # the bell's page leads on to My overview (settings, low profile)
    followed = sanne.get(links[0])  # following a link marks that notification read, then shows its comment
    assert followed.status_code == 303 and followed.headers["Location"] == f"/nieuws/#comment-{mention['id']}"
    assert sanne.get(links[1]).headers["Location"] == f"/{PAGE}/#comment-{reply['id']}"
    assert sanne.get("/api/notifications").json["unread"] == 0
    assert sanne.get(links[0]).status_code == 303  # again: still its comment


def test_a_notification_link_is_its_persons_only(page: str, sanne: Member, joost: Member,
                                                client: FlaskClient) -> None:
    sanne.get("/api/me")
    joost.comment(PAGE, "@sanne kijk")
    [item] = find_all(parse(sanne.get(HERE)), "li", class_="plein-tagged__page")
    link = item.find("{http://www.w3.org/1999/xhtml}a").get("href")  # type: ignore[union-attr]
    assert joost.get(link).status_code == 404
    assert client.get(link).status_code == 401
    assert sanne.get("/me/notifications/99999999999/").status_code == 404
    assert sanne.get("/api/notifications").json["unread"] == 1  # none of that read it


def test_mark_one_then_all_read(page: str, sanne: Member, joost: Member) -> None:
    sanne.get("/api/me")
    for n in range(3):
        joost.comment(PAGE, f"@sanne kijk {n}")
    one, [all_read] = mark_forms(sanne)
    assert len(one) == 3
    response = submit(sanne, one[0])
    assert response.status_code == 303 and response.headers["Location"] == HERE
    assert sanne.get("/api/notifications").json["unread"] == 2
    one, _ = mark_forms(sanne)
    assert len(one) == 2
    assert submit(sanne, all_read).status_code == 303
    assert sanne.get("/api/notifications").json["unread"] == 0
    one, all_forms = mark_forms(sanne)
    assert one == [] and all_forms == []


def test_notifications_are_paginated_and_forms_return_to_their_page(page: str, sanne: Member, joost: Member) -> None:
    sanne.get("/api/me")
    for n in range(22):
        joost.comment(PAGE, f"@sanne nummer {n}")
    second = parse(sanne.get(HERE + "?page=2"))
    assert [text(p) for p in find_all(second, "p", class_="plein-tagged__description")] == ["Joost Bakker mentioned you"] * 2
    assert find_all(second, "a", rel="prev")[0].get("href") == HERE
    one, _ = mark_forms(sanne, HERE + "?page=2")
    assert submit(sanne, one[0]).headers["Location"] == HERE + "?page=2"
    assert sanne.get(HERE + "?page=3").status_code == 404


def test_someone_else_s_notification_and_forged_forms_are_refused(page: str, sanne: Member, joost: Member,
                                                                 client: FlaskClient) -> None:
    sanne.get("/api/me")
    joost.comment(PAGE, "@sanne hier")
    one, _ = mark_forms(sanne)
    assert submit(joost, one[0], csrf_token=joost.csrf).status_code == 404  # not his
    assert submit(sanne, one[0], csrf_token="").status_code == 403
    assert submit(sanne, one[0], notification="x").status_code == 404
    assert sanne.get("/api/notifications").json["unread"] == 1
    anonymous = client.get(HERE)
    assert anonymous.status_code == 401 and "Sign in" in text(parse(anonymous))


def test_a_colleague_keeping_a_low_profile_is_not_named_in_the_list(page: str, sanne: Member, joost: Member) -> None:
    mine = sanne.comment(PAGE, "Wie weet dit?")
    assert joost.patch("/api/me/profile", {"low_profile": True}).status_code == 200
    joost.comment(PAGE, "Ik!", parent_id=mine["id"])
    [item] = find_all(parse(sanne.get(HERE)), "li", class_="plein-tagged__page")
    assert "A colleague replied" in text(item) and "Joost" not in text(item)
    assert sanne.get("/api/notifications").json["notifications"][0]["actor"] is None
    assert "Joost Bakker" in sanne.get(f"/api/pages/{PAGE}/thread").get_data(as_text=True)  # where he wrote
