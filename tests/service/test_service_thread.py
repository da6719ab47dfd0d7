"""The thread: one request for the whole conversation, a fixed number of queries, ETag and 304."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from comments_service.services import thread as thread_service
from comments_service.services import thread_window

from service_helpers import PAGE, Member, counted_queries, manifest, manifest_page


def test_the_thread_gathers_comments_reactions_and_permissions(page: str, sanne: Member, joost: Member) -> None:
    top = sanne.comment(page, "Vraag over #privacy")
    joost.comment(page, "Antwoord", top["id"])
    sanne.post(f"/api/pages/{page}/reactions", {"emoji": "👍"})
    joost.post(f"/api/pages/{page}/reactions", {"emoji": "👍"})
    joost.post(f"/api/comments/{top['id']}/reactions", {"emoji": "💡"})
    body = joost.get(f"/api/pages/{page}/thread").json
    assert body["page"] == {"id": page, "title": "Privacy en persoonsgegevens", "url": f"/{page}/", "archived": False}
    assert body["emoji"] == ["👍", "❤️", "🎉", "💡", "👏"]
    assert body["reactions"] == {"counts": {"👍": 2}, "mine": ["👍"]}
    assert body["viewer"] == {"id": "joost", "name": "Joost Bakker", "roles": ["member"]}
    assert body["demo"] is False and body["csrf_token"] == joost.csrf
    assert body["can"] == {"comment": True, "react": True, "moderate": False}
    assert body["comment_count"] == 2
    [first] = body["comments"]
    assert first["reactions"] == {"counts": {"💡": 1}, "mine": ["💡"]}
    assert first["hashtags"] == ["privacy"]
    assert first["can"]["edit"] is False and "text" not in first
    assert first["replies"][0]["can"]["edit"] is True and first["replies"][0]["text"] == "Antwoord"


def test_anonymous_readers_see_the_thread_but_may_do_nothing(page: str, sanne: Member, client: Any) -> None:
    sanne.comment(page, "Hallo")
    body = client.get(f"/api/pages/{page}/thread").json
    assert body["viewer"] is None and body["csrf_token"] is None
    assert body["can"] == {"comment": False, "react": False, "moderate": False}
    assert not any(body["comments"][0]["can"].values())


def test_a_former_identity_finds_the_page(page: str, sync: Any, sanne: Member, client: Any) -> None:
    sanne.comment(page, "Blijft bij de pagina")
    assert sanne.write("PUT", "/api/follows", {"kind": "page", "target": page}).status_code == 200
    sync(manifest(manifest_page("beleid/privacy", former_ids=[page]), manifest_page("nieuws")))
    body = client.get(f"/api/pages/{page}/thread").json
    assert body["page"]["id"] == "beleid/privacy"
    assert body["comments"][0]["html"] == "<p>Blijft bij de pagina</p>"
    hers = sanne.get(f"/api/pages/{page}/thread").json  # signed in, by the former identity too
    assert hers["page"]["id"] == "beleid/privacy" and hers["following"] is True and hers["unread"] == 0


@pytest.mark.parametrize("comments", [1, 12])
@pytest.mark.plein_settings(PLEIN_THREAD_CACHE_MB="0")
def test_a_fixed_number_of_queries_whatever_the_size(
    app: Flask, page: str, sanne: Member, joost: Member, comments: int
) -> None:
    parent = None
    for number in range(comments):
        author = sanne if number % 2 else joost
        created = author.comment(page, f"Reactie {number} #tag{number % 3}", parent)
        if number % 4 == 0:
            author.post(f"/api/comments/{created['id']}/reactions", {"emoji": "🎉"})
        parent = created["id"] if number % 3 else None
    sanne.get("/api/me")
    with counted_queries(app) as statements:
        response = sanne.get(f"/api/pages/{PAGE}/thread")
    assert response.status_code == 200 and response.json["comment_count"] == comments
    selects = [statement for statement in statements if statement.lstrip().upper().startswith("SELECT")]
    # the page with the viewer's bell and follow, four for the conversation, the page's questions
    assert len(selects) == 6, statements
    assert len(statements) == len(selects), "reading a thread must not write"


@pytest.mark.plein_settings(PLEIN_THREAD_CACHE_MB="0", PLEIN_THREAD_PAGE_SIZE="5")
def test_a_long_conversation_is_read_whole_only_for_the_comments_an_answer_holds(
    app: Flask, page: str, sanne: Member
) -> None:
    ids = [sanne.comment(page, f"Reactie {number}")["id"] for number in range(12)]
    with counted_queries(app) as statements:
        answer = sanne.get(f"/api/pages/{PAGE}/thread").json
    assert [comment["id"] for comment in answer["comments"]] == ids[-5:]
    assert answer["comment_count"] == 12 and answer["older"] == {"before": ids[7], "count": 7}
    [whole] = [statement for statement in statements if "comments.html" in statement]
    assert "IN (" in whole  # the five chosen, not all twelve
    assert len(statements) == 7  # as a short conversation's, and its outline besides


def test_etag_and_if_none_match_give_304_until_something_changes(page: str, sanne: Member, joost: Member) -> None:
    sanne.comment(page, "Eerste")
    path = f"/api/pages/{page}/thread"
    first = joost.get(path)
    etag = first.headers["ETag"]
    assert etag.startswith('W/"') and first.headers["Cache-Control"] == "private, no-cache"
    again = joost.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    assert sanne.get(path, headers={"If-None-Match": etag}).status_code == 200, "another viewer, another ETag"
    joost.post(f"/api/pages/{page}/reactions", {"emoji": "❤️"})
    changed = joost.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert changed.json["reactions"]["counts"] == {"❤️": 1}


def test_a_304_costs_one_query_signed_in_or_not(
    app: Flask, page: str, sanne: Member, client: Any
) -> None:
    path = f"/api/pages/{page}/thread"
    etag = sanne.get(path).headers["ETag"]
    with counted_queries(app) as statements:
        assert sanne.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert len(statements) == 1  # the page, with the viewer's bell and follow button
    etag = client.get(path).headers["ETag"]
    with counted_queries(app) as statements:
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert len(statements) == 1


def test_unknown_pages_are_404(app: Flask, client: Any) -> None:
    response = client.get("/api/pages/bestaat/niet/thread")
    assert response.status_code == 404 and response.json["error"]["code"] == "page_not_found"


def test_counts_for_overview_pages(page: str, sanne: Member, joost: Member, moderator: Member, client: Any) -> None:
    first = sanne.comment(page, "Een")
    second = joost.comment(page, "Twee")
    hidden = joost.comment(page, "Drie")
    moderator.post(f"/api/comments/{hidden['id']}/hide")
    assert joost.delete(f"/api/comments/{second['id']}").status_code == 200
    joost.post(f"/api/comments/{first['id']}/reactions", {"emoji": "👍"})
    joost.post(f"/api/pages/{page}/reactions", {"emoji": "👏"})
    response = client.get(f"/api/counts?page={page}&page=nieuws&page=onbekend")
    assert response.status_code == 200
    assert response.json == {
        "pages": {
            page: {"comments": 1, "reactions": 2},
            "nieuws": {"comments": 0, "reactions": 0},
            "onbekend": {"comments": 0, "reactions": 0},
        }
    }
    assert client.get("/api/counts").status_code == 400


def test_replies_deeper_than_the_limit_are_shown_at_the_limit(
    page: str, sanne: Member, joost: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(thread_window, "MAX_DEPTH", 3)
    chain = [sanne.comment(page, "Niveau 0")]
    for level in range(1, 6):
        chain.append((joost if level % 2 else sanne).comment(page, f"Niveau {level}", chain[-1]["id"]))
    level = joost.get(f"/api/pages/{page}/thread").json["comments"]
    for expected in chain[:3]:
        assert [c["id"] for c in level] == [expected["id"]]
        level = level[0]["replies"]
    assert [c["id"] for c in level] == [c["id"] for c in chain[3:]]
    assert [c["parent_id"] for c in level] == [c["id"] for c in chain[2:-1]], "parent_id keeps the true parent"


def test_any_depth_of_replies_is_assembled_without_recursion() -> None:
    import datetime as dt

    from comments_service.services.present import CommentRow

    moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    rows = [
        CommentRow(
            n, n - 1 if n > 1 else None, "a", "A", "t", "<p>t</p>", "removed" if n % 2 else "visible", moment, None
        )
        for n in range(1, 5001)
    ]
    assert len(thread_service.shown_ids(rows, moderator=False)) == 5000
    holder = thread_window.holders(rows)
    assert holder[1] == 1 and holder[5000] == thread_window.MAX_DEPTH


def test_replies_under_a_hidden_comment_are_neither_shown_nor_counted(
    page: str, sanne: Member, joost: Member, moderator: Member
) -> None:
    top = sanne.comment(page, "Ongepast")
    joost.comment(page, "Antwoord", top["id"])
    sanne.comment(page, "Los")
    moderator.post(f"/api/comments/{top['id']}/hide")
    assert joost.get(f"/api/pages/{page}/thread").json["comment_count"] == 1
    seen = moderator.get(f"/api/pages/{page}/thread").json
    assert seen["comment_count"] == 2 and seen["comments"][0]["replies"][0]["html"] == "<p>Antwoord</p>"


def test_the_snapshot_holds_every_live_conversation_as_anonymous_readers_see_it(
    app: Flask, page: str, sync: Any, sanne: Member, joost: Member, moderator: Member, client: Any
) -> None:
    sync(manifest(manifest_page(page), manifest_page("nieuws"), manifest_page("stil"), manifest_page("oud")))
    top = sanne.comment(page, "Vraag #privacy")
    joost.comment(page, "Antwoord", top["id"])
    hidden = joost.comment(page, "Ongepast")
    moderator.post(f"/api/comments/{hidden['id']}/hide")
    joost.post("/api/pages/nieuws/reactions", {"emoji": "🎉"})
    joost.comment("oud", "Gearchiveerd")
    sync(manifest(manifest_page(page), manifest_page("nieuws"), manifest_page("stil")))
    with counted_queries(app) as statements:
        response = client.get("/api/snapshot")
    assert response.status_code == 200 and len(statements) == 4
    pages = response.json["pages"]
    assert set(pages) == {page, "nieuws"}, "no conversation, or archived: not in the snapshot"
    conversation = pages[page]
    assert conversation["comment_count"] == 2 and conversation["generated"]
    assert conversation["comments"] == client.get(f"/api/pages/{page}/thread").json["comments"]
    assert pages["nieuws"] == {**pages["nieuws"], "comments": [], "reactions": {"counts": {"🎉": 1}, "mine": []}}
