"""A page's live conversation without JavaScript: read it, comment and reply with plain forms, under the API's rules."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from pages_helpers import find_all, forms, parse, submit, text
from service_helpers import PAGE, Member, client_from, manifest, manifest_page
from test_pages_frame import build_frame

HERE = f"/conversation/{PAGE}/"
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://intranet.test"}


def comment_form(member: Member, path: str = HERE) -> Any:
    root = parse(member.get(path))
    return next(form for form in forms(root) if "plein-conversation__comment" in form.get("class", ""))


def comment_ids(root: Any) -> list[int]:
    """The comments a conversation page shows, in its order."""
    return [int(item.get("id").removeprefix("comment-")) for item in find_all(root, "li")
            if item.get("id", "").startswith("comment-")]


def test_anyone_reads_the_live_conversation_with_replies(page: str, sanne: Member, joost: Member,
                                                         client: FlaskClient) -> None:
    first = sanne.comment(PAGE, "Eerst **dit**")
    reply = joost.comment(PAGE, "Een antwoord", parent_id=first["id"])
    response = client.get(HERE)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"
    root = parse(response)
    assert text(find_all(root, "h1")[0]) == "Conversation: Privacy en persoonsgegevens"
    top = find_all(root, "li", id=f"comment-{first['id']}")[0]
    assert "Sanne de Vries" in text(top) and find_all(find_all(top, "div", class_="plein-body")[0], "strong")[0].text == "dit"
    assert find_all(top, "li", id=f"comment-{reply['id']}"), "the reply sits under its comment"
    assert find_all(root, "a", href=f"/{PAGE}/")  # back to the page
    assert not forms(root) and "Sign in to comment." in text(root)


def test_a_comment_and_a_reply_by_form_land_at_the_new_comment(page: str, sanne: Member, joost: Member) -> None:
    posted = submit(sanne, comment_form(sanne), text="Via een formulier #zonderjs")
    assert posted.status_code == 303
    path, _, anchor = posted.headers["Location"].partition("#")
    assert path == HERE and anchor.startswith("comment-")
    comment_id = int(anchor.removeprefix("comment-"))
    reply_form = next(form for form in forms(parse(joost.get(HERE)))
                      if any(field.get("value") == str(comment_id) for field in form.iter()))
    replied = submit(joost, reply_form, text="En een antwoord")
    assert replied.status_code == 303
    thread = joost.get(f"/api/pages/{PAGE}/thread").json
    assert thread["comments"][0]["id"] == comment_id and "Via een formulier" in thread["comments"][0]["html"]
    assert thread["comments"][0]["replies"][0]["author"]["name"] == "Joost Bakker"
    assert replied.headers["Location"] == f"{HERE}#comment-{thread['comments'][0]['replies'][0]['id']}"


def test_under_many_comments_a_link_leads_to_the_form(page: str, sanne: Member, joost: Member) -> None:
    def jump(member: Member) -> list[Any]:
        return find_all(parse(member.get(HERE)), "a", href="#comment-text")

    for number in range(3):
        joost.comment(PAGE, f"Reactie {number}")
    assert not jump(sanne)  # three comments: the form is near
    joost.comment(PAGE, "Reactie 3")
    assert [text(link) for link in jump(sanne)] == ["Write a comment"]
    assert find_all(parse(sanne.get(HERE)), "textarea", id="comment-text")  # where it leads
    assert not find_all(parse(sanne.client.get(HERE)), "a", href="#comment-text")  # no form for the signed out


def test_a_former_identity_finds_the_conversation(sync: Any, sanne: Member, client: FlaskClient) -> None:
    sync(manifest(manifest_page("nieuw/privacy", title="Privacy", former_ids=[PAGE])))
    sanne.comment("nieuw/privacy", "Hallo")
    assert "Hallo" in text(parse(client.get(HERE)))
    posted = submit(sanne, comment_form(sanne), text="Nog een")
    assert posted.headers["Location"].startswith("/conversation/nieuw/privacy/#comment-")


def test_writes_need_identity_csrf_and_the_same_origin(page: str, sanne: Member, client: FlaskClient) -> None:
    form = comment_form(sanne)
    assert submit(sanne, form, csrf_token="wrong", text="x").status_code == 403
    anonymous = client.post(HERE, data={"action": "comment", "text": "x"}, headers=SAME_ORIGIN)
    assert anonymous.status_code == 401 and anonymous.mimetype == "text/html"
    cross = sanne.client.post(HERE, data={"action": "comment", "text": "x", "csrf_token": sanne.csrf},
                              headers={**sanne.identity, "Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    assert sanne.get(f"/api/pages/{PAGE}/thread").json["comments"] == []


def test_a_refused_comment_shows_the_page_again_with_the_reason_in_dutch(
        settings: dict[str, Any], page: str, sanne: Member) -> None:
    build_frame(settings, "nl")
    long_text = "lang " * 1200
    refused = submit(sanne, comment_form(sanne), text=long_text)
    assert refused.status_code == 413  # as the API answers a comment too long
    root = parse(refused)
    assert find_all(root, "p", role="alert") and "Gesprek: Privacy" in text(root)
    assert find_all(root, "textarea", id="comment-text")[0].text == long_text
    assert submit(sanne, comment_form(sanne), text="   ").status_code == 422


@pytest.mark.parametrize(("fields", "status"), [
    ({"action": "comment", "text": "x", "parent_id": "abc"}, 400),
    ({"action": "comment", "text": "x", "parent_id": "99999999999"}, 400),
    ({"action": "comment", "text": "x", "parent_id": "12345"}, 400),  # no such comment
    ({"action": "dance"}, 400),
    ({"action": "sign_in", "name": "Ik"}, 404),  # demo mode is off
])
def test_bad_form_input_is_a_clear_4xx_page(page: str, sanne: Member, fields: dict[str, str], status: int) -> None:
    response = sanne.client.post(HERE, data={**fields, "csrf_token": sanne.csrf}, headers={**sanne.identity, **SAME_ORIGIN})
    assert response.status_code == status and response.mimetype == "text/html"


def test_unknown_pages_have_no_conversation(page: str, client: FlaskClient) -> None:
    assert client.get("/conversation/bestaat/niet/").status_code == 404
    response = client.post("/conversation/bestaat/niet/", data={"action": "comment", "text": "x"}, headers=SAME_ORIGIN)
    assert response.status_code in (401, 404) and response.mimetype == "text/html"


def test_an_archived_conversation_takes_no_comments(page: str, sync: Any, sanne: Member) -> None:
    form = comment_form(sanne)
    sync(manifest(manifest_page("nieuws")))  # the page is gone from the build: archived
    root = parse(sanne.get(HERE))
    assert not forms(root) and "archived" in text(root)
    assert submit(sanne, form, text="Te laat").status_code == 409


@pytest.mark.plein_settings(PLEIN_DEMO=True)
def test_a_demo_visitor_chooses_a_name_by_form_then_comments(app: Any, page: str) -> None:
    visitor = client_from(app, "192.0.2.50")
    login = find_all(parse(visitor.get(HERE)), "form", class_="plein-login")[0]
    assert visitor.post(HERE, data={"action": "sign_in", "name": " "}, headers=SAME_ORIGIN).status_code == 422
    cross = visitor.post(HERE, data={"action": "sign_in", "name": "Eva"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    signed = visitor.post(HERE, data={"action": "sign_in", "name": "Eva Demo"}, headers=SAME_ORIGIN)
    assert login is not None and signed.status_code == 303 and signed.headers["Location"] == HERE
    root = parse(visitor.get(HERE))
    form = find_all(root, "form", class_="plein-conversation__comment")[0]
    assert "Eva Demo" in text(form)
    token = next(field.get("value") for field in form.iter() if field.get("name") == "csrf_token")
    posted = visitor.post(HERE, data={"action": "comment", "text": "Demo zonder JS", "csrf_token": token},
                          headers=SAME_ORIGIN)
    assert posted.status_code == 303
    assert visitor.get(f"/api/pages/{PAGE}/thread").json["comments"][0]["author"]["id"] == "demo:eva-demo"


@pytest.mark.plein_settings(PLEIN_RATELIMIT_ENABLED=True, PLEIN_RATELIMIT_WRITE="2 per minute")
def test_form_comments_count_against_the_write_limit(page: str, sanne: Member) -> None:
    form = comment_form(sanne)
    assert [submit(sanne, form, text=f"Nummer {n}").status_code for n in range(3)] == [303, 303, 429]


@pytest.mark.plein_settings(PLEIN_THREAD_PAGE_SIZE=2)
def test_a_long_conversation_links_to_its_earlier_comments_and_back(page: str, sanne: Member, client: FlaskClient) -> None:
    made = [sanne.comment(PAGE, f"Reactie nummer {n}")["id"] for n in range(5)]
    newest = parse(client.get(HERE))
    assert comment_ids(newest) == made[3:]
    earlier = find_all(newest, "a", href=f"{HERE}?before={made[3]}")
    assert earlier and text(earlier[0]) == "Earlier comments (3)"
    older = parse(client.get(f"{HERE}?before={made[3]}"))
    assert comment_ids(older) == made[1:3]
    assert find_all(older, "a", href=HERE) and find_all(older, "a", href=f"{HERE}?before={made[1]}")
    refused = client.get(f"{HERE}?before=elf")
    assert refused.status_code == 400 and "before must be a comment's number." in text(parse(refused))
