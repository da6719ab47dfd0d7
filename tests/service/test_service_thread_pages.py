"""A long conversation travels a page at a time: the newest comments, each with what it answers, and a cursor
for the ones before (issue 15: a thread of 600 comments moved 2 GB in one load test)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from comments_service.services.thread_window import MAX_DEPTH
from service_helpers import Member

THREAD = "/api/pages/{page}/thread"


def ids_in(comments: list[dict[str, Any]]) -> list[int]:
    """Every comment id of a nested answer, depth first."""
    found: list[int] = []
    for comment in comments:
        found.append(comment["id"])
        found.extend(ids_in(comment["replies"]))
    return found


def pages_of(member: Member, page: str) -> list[dict[str, Any]]:
    """Every answer of the conversation, newest first, following the cursors to the start (bounded)."""
    answers = [member.get(THREAD.format(page=page)).json]
    while answers[-1]["older"] is not None and len(answers) < 1000:
        response = member.get(THREAD.format(page=page), query_string={"before": answers[-1]["older"]["before"]})
        assert response.status_code == 200, response.json
        answers.append(response.json)
    return answers


def test_a_thread_of_600_comments_answers_with_its_newest_50_and_reads_back_whole(
    page: str, sanne: Member, joost: Member
) -> None:
    written = []
    for n in range(600):
        writer = sanne if n % 2 else joost
        parent = written[n - 1]["id"] if n % 3 == 2 else None  # every third answers the one before
        written.append(writer.comment(page, f"Reactie {n} met wat tekst erbij", parent))
    first = sanne.get(THREAD.format(page=page))
    answer = first.json
    assert answer["comment_count"] == 600
    shown = ids_in(answer["comments"])
    newest = [comment["id"] for comment in written[-50:]]
    assert set(newest) <= set(shown) and len(shown) <= 50 + 1, "the newest 50, plus the parent of the oldest reply"
    assert answer["older"] == {"before": newest[0], "count": 600 - len(shown)}
    everything = pages_of(sanne, page)
    whole = sum(len(json.dumps(a["comments"])) for a in everything)
    assert len(first.data) < whole / 8, "the first answer carries a small part of the conversation"
    seen = [comment_id for a in everything for comment_id in ids_in(a["comments"])]
    assert set(seen) == {comment["id"] for comment in written}
    assert len(seen) - len(set(seen)) <= len(everything), "a comment comes again only as the context of a newer one"
    assert [a["older"]["count"] for a in everything[:-1]] == sorted(
        (a["older"]["count"] for a in everything[:-1]), reverse=True
    )


@pytest.mark.plein_settings(PLEIN_THREAD_PAGE_SIZE=3)
def test_a_new_reply_to_an_old_comment_comes_first_with_the_comments_it_answers(
    page: str, sanne: Member, joost: Member
) -> None:
    old = sanne.comment(page, "De oudste vraag")
    answer = joost.comment(page, "Een antwoord", old["id"])
    later = [sanne.comment(page, f"Later {n}")["id"] for n in range(5)]
    reply = joost.comment(page, "Nog een antwoord, veel later", answer["id"])
    first = sanne.get(THREAD.format(page=page)).json
    top = first["comments"]
    assert [comment["id"] for comment in top] == [old["id"], later[3], later[4]]
    assert ids_in(top[0]["replies"]) == [answer["id"], reply["id"]], "kept with its parent and grandparent"
    assert first["older"] == {"before": later[3], "count": 3}
    second = sanne.get(THREAD.format(page=page), query_string={"before": later[3]}).json
    assert ids_in(second["comments"]) == later[:3], "what the first answer held as context does not come again"
    assert second["older"] is None


@pytest.mark.plein_settings(PLEIN_THREAD_PAGE_SIZE=5)
def test_a_chain_of_replies_of_any_depth_stays_within_the_page_size_and_the_nesting_depth(
    page: str, sanne: Member, joost: Member
) -> None:
    parent = None
    for n in range(MAX_DEPTH + 20):
        parent = (joost if n % 2 else sanne).comment(page, f"Stap {n}", parent)["id"]
    answer = sanne.get(THREAD.format(page=page)).json
    assert len(ids_in(answer["comments"])) <= 5 + MAX_DEPTH
    seen = {comment_id for a in pages_of(sanne, page) for comment_id in ids_in(a["comments"])}
    assert len(seen) == MAX_DEPTH + 20


@pytest.mark.plein_settings(PLEIN_THREAD_PAGE_SIZE=2)
def test_hidden_comments_are_skipped_and_removed_ones_kept_only_as_context(
    page: str, sanne: Member, joost: Member, moderator: Member
) -> None:
    asked = sanne.comment(page, "Vraag")
    removed = joost.comment(page, "Weg straks")
    reply = sanne.comment(page, "Antwoord op wat weg is", removed["id"])
    rude = joost.comment(page, "Ongepast")
    newest = sanne.comment(page, "Nieuwste")
    joost.delete(f"/api/comments/{removed['id']}")
    moderator.post(f"/api/comments/{rude['id']}/hide")
    first = sanne.get(THREAD.format(page=page)).json
    assert ids_in(first["comments"]) == [removed["id"], reply["id"], newest["id"]]
    assert first["comments"][0]["state"] == "removed"
    assert first["comment_count"] == 3 and first["older"] == {"before": reply["id"], "count": 1}
    rest = sanne.get(THREAD.format(page=page), query_string={"before": reply["id"]}).json
    assert ids_in(rest["comments"]) == [asked["id"]] and rest["older"] is None
    seen_by_moderator = ids_in(moderator.get(THREAD.format(page=page)).json["comments"])
    assert seen_by_moderator[-2:] == [rude["id"], newest["id"]]


@pytest.mark.plein_settings(PLEIN_THREAD_PAGE_SIZE=2)
def test_each_cursor_has_its_own_etag_and_a_changed_conversation_changes_them(page: str, sanne: Member) -> None:
    made = [sanne.comment(page, f"Reactie {n}")["id"] for n in range(4)]
    url = THREAD.format(page=page)
    newest, older = sanne.get(url), sanne.get(url, query_string={"before": made[2]})
    assert newest.headers["ETag"] != older.headers["ETag"]
    again = sanne.get(url, query_string={"before": made[2]}, headers={"If-None-Match": older.headers["ETag"]})
    assert again.status_code == 304
    sanne.comment(page, "Nog een")
    changed = sanne.get(url, query_string={"before": made[2]}, headers={"If-None-Match": older.headers["ETag"]})
    assert changed.status_code == 200 and ids_in(changed.json["comments"]) == made[:2]


@pytest.mark.parametrize(
    ("cursor", "code"),
    [("abc", "bad_cursor"), ("-1", "bad_cursor"), ("0", "bad_cursor"), ("1e3", "bad_cursor"),
     ("99999999999", "bad_cursor"), ("٣", "bad_cursor"), ("123456", "unknown_cursor")],
)
def test_a_cursor_that_is_no_comment_of_the_conversation_is_a_clear_400(
    page: str, sanne: Member, cursor: str, code: str
) -> None:
    sanne.comment(page, "Een reactie")
    response = sanne.get(THREAD.format(page=page), query_string={"before": cursor}, headers={"Accept-Language": "nl"})
    assert response.status_code == 400
    assert response.json["error"]["code"] == code and "reactie" in response.json["error"]["message"]


def test_a_cursor_from_another_page_is_refused(page: str, sanne: Member) -> None:
    elsewhere = sanne.comment("nieuws", "Op een andere pagina")
    response = sanne.get(THREAD.format(page=page), query_string={"before": elsewhere["id"]})
    assert response.status_code == 400 and response.json["error"]["code"] == "unknown_cursor"


@pytest.mark.plein_settings(PLEIN_THREAD_PAGE_SIZE=2)
def test_the_snapshot_holds_the_first_answer_and_counts_the_rest(page: str, sanne: Member, client: Any) -> None:
    for n in range(5):
        sanne.comment(page, f"Reactie {n}")
    conversation = client.get("/api/snapshot").json["pages"][page]
    first = client.get(THREAD.format(page=page)).json
    assert conversation["comments"] == first["comments"] and len(conversation["comments"]) == 2
    assert conversation["older"] == 3 and conversation["comment_count"] == 5
