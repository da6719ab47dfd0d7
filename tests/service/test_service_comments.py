"""Comments: written once as sanitized HTML, replied to, edited with revisions, removed, moderated."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from comments_service import db
from comments_service.models import CommentRevision
from comments_service.signals import comment_changed

from service_helpers import PAGE, Member, counted_queries, manifest, manifest_page


def thread(member: Any, page: str = PAGE) -> dict[str, Any]:
    response = member.get(f"/api/pages/{page}/thread")
    assert response.status_code == 200, response.json
    return response.json


def test_a_comment_is_stored_as_sanitized_html_with_its_hashtags(page: str, sanne: Member) -> None:
    comment = sanne.comment(page, "Zie **dit** en #Privacy <script>alert(1)</script>")
    assert comment["author"] == {"id": "sanne", "name": "Sanne de Vries"}
    assert "<strong>dit</strong>" in comment["html"]
    assert "<script" not in comment["html"]
    assert comment["hashtags"] == ["privacy"]
    assert comment["text"] == "Zie **dit** en #Privacy <script>alert(1)</script>"
    assert comment["permalink"] == f"/{page}/#comment-{comment['id']}"
    assert comment["state"] == "visible" and comment["edited"] is None
    assert comment["can"] == {"edit": True, "delete": True, "hide": False, "restore": False, "reply": True}


def test_a_mention_of_a_known_person_links_to_them(page: str, sanne: Member, joost: Member) -> None:
    joost.comment(page, "Eerste!")
    comment = sanne.comment(page, "Dank je @joost")
    assert 'class="mention"' in comment["html"] and "@Joost Bakker" in comment["html"]


def test_replies_nest_to_any_depth(page: str, sanne: Member, joost: Member, client: Any) -> None:
    top = sanne.comment(page, "Vraag")
    reply = joost.comment(page, "Antwoord", top["id"])
    deeper = sanne.comment(page, "Dank", reply["id"])
    deepest = joost.comment(page, "Graag gedaan", deeper["id"])
    comments = thread(client)["comments"]
    assert [c["id"] for c in comments] == [top["id"]]
    level = comments[0]
    for expected in (reply, deeper, deepest):
        assert [c["id"] for c in level["replies"]] == [expected["id"]]
        level = level["replies"][0]
        assert level["parent_id"] == expected["parent_id"]


def test_the_author_edits_and_earlier_texts_are_kept(page: str, sanne: Member) -> None:
    comment = sanne.comment(page, "Eerste versie")
    response = sanne.patch(f"/api/comments/{comment['id']}", {"text": "Tweede *versie*"})
    assert response.status_code == 200
    assert response.json["html"] == "<p>Tweede <em>versie</em></p>"
    assert response.json["edited"] is not None
    revisions = sanne.get(f"/api/comments/{comment['id']}/revisions").json["revisions"]
    assert [r["text"] for r in revisions] == ["Eerste versie", "Tweede *versie*"]
    assert revisions[1]["html"] == "<p>Tweede <em>versie</em></p>"


def stored_revisions(app: Flask, comment_id: int) -> list[tuple[str, str, str]]:
    """The revision rows of a comment as (text, html, created in ISO 8601), oldest first."""
    with app.app_context():
        rows = db.session().execute(
            select(CommentRevision.text, CommentRevision.html, CommentRevision.created)
            .where(CommentRevision.comment_id == comment_id)
            .order_by(CommentRevision.id)
        )
        return [(text, html, created.isoformat()) for text, html, created in rows]


def test_only_replaced_texts_are_stored_as_revisions(
    app: Flask, database_url: str, page: str, sanne: Member
) -> None:
    comment = sanne.comment(page, "Eerste versie")
    assert stored_revisions(app, comment["id"]) == []
    with counted_queries(app) as statements:
        edited = sanne.patch(f"/api/comments/{comment['id']}", {"text": "Tweede"}).json
    if database_url.startswith("postgresql"):  # two edits at once each keep the text they replace
        assert any("FROM comments" in s and "FOR UPDATE" in s for s in statements)
    assert stored_revisions(app, comment["id"]) == [("Eerste versie", comment["html"], comment["created"])]
    last = sanne.patch(f"/api/comments/{comment['id']}", {"text": "Derde"}).json
    assert stored_revisions(app, comment["id"])[1:] == [("Tweede", edited["html"], edited["edited"])]
    revisions = sanne.get(f"/api/comments/{comment['id']}/revisions").json["revisions"]
    assert [(r["text"], r["created"]) for r in revisions] == [
        ("Eerste versie", comment["created"]), ("Tweede", edited["edited"]), ("Derde", last["edited"])
    ]


def test_only_author_and_moderators_see_revisions(
    page: str, sanne: Member, joost: Member, moderator: Member, client: Any
) -> None:
    comment = sanne.comment(page, "Tekst")
    path = f"/api/comments/{comment['id']}/revisions"
    assert joost.get(path).status_code == 403
    assert client.get(path).status_code == 403
    assert moderator.get(path).status_code == 200


def test_nobody_edits_or_removes_another_persons_comment(
    page: str, sanne: Member, joost: Member, moderator: Member
) -> None:
    comment = sanne.comment(page, "Van Sanne")
    for member in (joost, moderator):
        edit = member.patch(f"/api/comments/{comment['id']}", {"text": "overgenomen"})
        remove = member.delete(f"/api/comments/{comment['id']}")
        assert (edit.status_code, edit.json["error"]["code"]) == (403, "not_author")
        assert (remove.status_code, remove.json["error"]["code"]) == (403, "not_author")
    assert thread(sanne)["comments"][0]["html"] == "<p>Van Sanne</p>"


def test_a_removed_comment_without_replies_disappears(page: str, sanne: Member, client: Any) -> None:
    comment = sanne.comment(page, "Oeps")
    response = sanne.delete(f"/api/comments/{comment['id']}")
    assert response.status_code == 200
    assert response.json["state"] == "removed" and response.json["html"] == "" and response.json["author"] is None
    body = thread(client)
    assert body["comments"] == [] and body["comment_count"] == 0
    assert sanne.delete(f"/api/comments/{comment['id']}").status_code == 409


def test_a_removed_comment_with_replies_stays_as_a_placeholder(
    page: str, sanne: Member, joost: Member, client: Any
) -> None:
    top = sanne.comment(page, "Vraag")
    joost.comment(page, "Antwoord", top["id"])
    sanne.delete(f"/api/comments/{top['id']}")
    body = thread(client)
    placeholder = body["comments"][0]
    assert placeholder["state"] == "removed" and placeholder["html"] == "" and placeholder["author"] is None
    assert "text" not in thread(sanne)["comments"][0]
    assert placeholder["replies"][0]["html"] == "<p>Antwoord</p>"
    assert body["comment_count"] == 1


def test_only_moderators_hide_and_restore(
    page: str, sanne: Member, joost: Member, moderator: Member, client: Any
) -> None:
    comment = sanne.comment(page, "Ongepast")
    joost.comment(page, "Reactie erop", comment["id"])
    for member in (sanne, joost):
        response = member.post(f"/api/comments/{comment['id']}/hide")
        assert (response.status_code, response.json["error"]["code"]) == (403, "not_moderator")
    hidden = moderator.post(f"/api/comments/{comment['id']}/hide")
    assert hidden.status_code == 200 and hidden.json["state"] == "hidden"
    assert hidden.json["can"]["restore"] is True
    for viewer in (client, sanne, joost):
        assert thread(viewer)["comments"] == []
    seen = thread(moderator)["comments"][0]
    assert seen["state"] == "hidden" and seen["html"] == "<p>Ongepast</p>"
    assert moderator.post(f"/api/comments/{comment['id']}/hide").status_code == 409
    assert joost.post(f"/api/comments/{comment['id']}/restore").status_code == 403
    restored = moderator.post(f"/api/comments/{comment['id']}/restore")
    assert restored.status_code == 200 and restored.json["state"] == "visible"
    assert thread(client)["comments"][0]["html"] == "<p>Ongepast</p>"


@pytest.mark.plein_settings(PLEIN_ADMINS="bart")
def test_admins_from_configuration_moderate(page: str, person: Any, sanne: Member) -> None:
    bart = person("bart")
    comment = sanne.comment(page, "Tekst")
    assert bart.get("/api/me").json["viewer"]["roles"] == ["member", "moderator", "admin"]
    assert bart.post(f"/api/comments/{comment['id']}/hide").status_code == 200


def test_changes_are_announced_after_commit(app: Flask, page: str, sanne: Member, moderator: Member) -> None:
    seen: list[tuple[int, str, str]] = []

    def listener(sender: Flask, comment_id: int, page_id: str, action: str) -> None:
        seen.append((comment_id, page_id, action))

    with comment_changed.connected_to(listener, app):
        comment = sanne.comment(page, "Hallo")
        sanne.patch(f"/api/comments/{comment['id']}", {"text": "Hallo allemaal"})
        moderator.post(f"/api/comments/{comment['id']}/hide")
        moderator.post(f"/api/comments/{comment['id']}/restore")
        sanne.delete(f"/api/comments/{comment['id']}")
        sanne.patch(f"/api/comments/{comment['id']}", {"text": "weer terug?"})
    actions = ["created", "edited", "hidden", "restored", "removed"]
    assert seen == [(comment["id"], page, action) for action in actions]


def test_archived_pages_take_no_new_comments(page: str, sync: Any, sanne: Member) -> None:
    comment = sanne.comment(page, "Voor het archiveren")
    sync(manifest(manifest_page("nieuws")))
    response = sanne.post(f"/api/pages/{page}/comments", {"text": "Te laat"})
    assert (response.status_code, response.json["error"]["code"]) == (409, "page_archived")
    body = thread(sanne)
    assert body["page"]["archived"] is True and body["can"]["comment"] is False
    assert body["comments"][0]["can"]["reply"] is False
    assert sanne.delete(f"/api/comments/{comment['id']}").status_code == 200


@pytest.mark.plein_settings(PLEIN_COMMENT_MIN_LENGTH="3", PLEIN_COMMENT_MAX_LENGTH="10")
def test_length_limits_are_configurable(page: str, sanne: Member) -> None:
    path = f"/api/pages/{page}/comments"
    assert sanne.post(path, {"text": "  ok  "}).json["error"]["code"] == "text_too_short"
    assert sanne.post(path, {"text": "x" * 11}).status_code == 413
    assert sanne.post(path, {"text": "  " + "x" * 10 + "\n"}).status_code == 201
    assert thread(sanne)["comment_count"] == 1


def test_a_hashtag_too_long_to_store_stays_a_link(page: str, sanne: Member) -> None:
    tag = "lang" * 70
    comment = sanne.comment(page, f"Een #{tag} en #kort")
    assert comment["hashtags"] == ["kort"] and f"#{tag}</a>" in comment["html"]
