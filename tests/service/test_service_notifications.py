"""Who hears about what: every event rule on SQLite and PostgreSQL, through the API as the widget uses it."""

from __future__ import annotations

from typing import Any


from comments_service.notifications.events import FEW

from service_helpers import Member, manifest, manifest_page

PAGE = "werk/thuis"
OTHER = "werk/vergaderen"


def pages(sync: Any, owners: list[str] | None = None, hashtags: list[str] | None = None) -> None:
    sync(manifest(manifest_page(PAGE, owners=owners or [], hashtags=hashtags or []), manifest_page(OTHER)))


def inbox(member: Member) -> list[dict[str, Any]]:
    answer = member.get("/api/notifications")
    assert answer.status_code == 200, answer.json
    return answer.json["notifications"]


def kinds(member: Member) -> list[str]:
    return [item["kind"] for item in inbox(member)]


def visit(*members: Member) -> None:
    """The service knows people from their first visit."""
    for member in members:
        assert member.get("/api/me").status_code == 200


def test_a_reply_notifies_the_author_of_the_comment_once_and_never_the_replier(
    sync: Any, sanne: Member, joost: Member
) -> None:
    pages(sync)
    first = sanne.comment(PAGE, "Wie weet hoe de vpn werkt?")
    joost.comment(PAGE, "Ja, via de portal.", parent_id=first["id"])
    sanne.comment(PAGE, "Dank je!", parent_id=first["id"])  # her own reply to her own comment: nobody

    assert kinds(sanne) == ["reply"]
    item = inbox(sanne)[0]
    assert item["actor"] == "Joost Bakker" and item["read"] is False
    assert item["url"].startswith("/werk/thuis/#comment-")
    assert item["excerpt"] == "Ja, via de portal."
    assert kinds(joost) == []
    assert sanne.get("/api/me").json["unread"] == 1


def test_a_notification_quotes_its_comment_as_readers_see_it_until_the_comment_is_removed(
    sync: Any, sanne: Member, joost: Member
) -> None:
    pages(sync)
    visit(sanne, joost)
    reply = joost.comment(PAGE, "**Let op**, @sanne: " + "lang verhaal " * 30)
    item = inbox(sanne)[0]
    assert item["excerpt"].startswith("Let op, @Sanne de Vries: lang verhaal")  # no Markdown signs, her name
    assert item["excerpt"].endswith("…") and len(item["excerpt"]) <= 200
    assert item["excerpt"][:-1].split()[-1] in {"lang", "verhaal"}  # cut after a whole word
    assert joost.delete(f"/api/comments/{reply['id']}").status_code == 200
    assert inbox(sanne)[0]["excerpt"] is None  # the notification stays, its quote goes with the comment


def test_a_mention_notifies_the_person_and_a_reply_that_also_mentions_gives_one_notification(
    sync: Any, sanne: Member, joost: Member, person: Any
) -> None:
    pages(sync)
    lotte = person("lotte", "Lotte Jansen")
    visit(sanne, joost, lotte)
    first = sanne.comment(PAGE, "Een vraag over thuiswerken")
    joost.comment(PAGE, "@sanne en @lotte, kijk eens hier", parent_id=first["id"])

    assert kinds(sanne) == ["mention"]  # mention beats reply: one notification
    assert kinds(lotte) == ["mention"]


def test_an_edit_notifies_only_the_newly_mentioned(sync: Any, sanne: Member, joost: Member, person: Any) -> None:
    pages(sync)
    lotte = person("lotte", "Lotte Jansen")
    visit(sanne, joost, lotte)
    posted = sanne.comment(PAGE, "Vraag aan @joost")
    assert sanne.patch(f"/api/comments/{posted['id']}", {"text": "Vraag aan @joost en @lotte"}).status_code == 200
    assert sanne.patch(f"/api/comments/{posted['id']}", {"text": "Vraag aan @lotte en @joost!"}).status_code == 200

    assert kinds(joost) == ["mention"]
    assert kinds(lotte) == ["mention"]


def test_page_owners_by_id_email_or_group_hear_of_new_comments(sync: Any, person: Any, sanne: Member) -> None:
    by_id, by_email = person("eva", "Eva Smit"), person("piet", "Piet Vos")
    member_a, member_b = person("hr1", "Hanna", ["Team HR"]), person("hr2", "Henk", ["Team HR"])
    outsider = person("kees", "Kees", ["Team IT"])
    visit(by_id, by_email, member_a, member_b, outsider)
    pages(sync, owners=["eva", "PIET@example.nl", "Team HR"])
    sanne.comment(PAGE, "Waar vind ik het thuiswerkbeleid?")

    for owner in (by_id, by_email, member_a, member_b):
        assert kinds(owner) == ["owner"], owner.id
    assert kinds(outsider) == []


def test_followers_of_the_page_a_hashtag_or_the_author_hear_of_new_comments(
    sync: Any, person: Any, sanne: Member
) -> None:
    pages(sync)
    page_fan, tag_fan, sanne_fan, nobody = (person(name) for name in ("anna", "bert", "cor", "dirk"))
    visit(sanne, page_fan, tag_fan, sanne_fan, nobody)
    assert page_fan.write("PUT", "/api/follows", {"kind": "page", "target": PAGE}).status_code == 200
    assert tag_fan.write("PUT", "/api/follows", {"kind": "hashtag", "target": "#Gedoe"}).status_code == 200
    assert sanne_fan.write("PUT", "/api/follows", {"kind": "person", "target": "sanne"}).status_code == 200

    sanne.comment(OTHER, "Weer een formulier, wat een #gedoe")
    assert kinds(tag_fan) == ["follow"] and kinds(sanne_fan) == ["follow"] and kinds(page_fan) == []
    sanne.comment(PAGE, "Thuis werkt het beter")
    assert kinds(page_fan) == ["follow"]
    assert kinds(nobody) == []
    assert page_fan.get(f"/api/follows?kind=page&target={PAGE}").json["following"] is True

    assert page_fan.write("DELETE", "/api/follows", {"kind": "page", "target": PAGE}).status_code == 200
    sanne.comment(PAGE, "Nog een keer")
    assert kinds(page_fan) == ["follow"]


def test_reactions_to_my_comment_gather_into_one_notification(sync: Any, person: Any, sanne: Member) -> None:
    pages(sync)
    posted = sanne.comment(PAGE, "Taart in de kantine!")
    for name in ("anna", "bert", "cor"):
        assert person(name).post(f"/api/comments/{posted['id']}/reactions", {"emoji": "👍"}).status_code == 200
    assert sanne.post(f"/api/comments/{posted['id']}/reactions", {"emoji": "🎉"}).status_code == 200  # her own

    items = inbox(sanne)
    assert [(item["kind"], item["count"]) for item in items] == [("reaction", 3)]
    assert sanne.get("/api/me").json["unread"] == 1


def test_marking_read_one_and_all(sync: Any, sanne: Member, joost: Member) -> None:
    pages(sync)
    first = sanne.comment(PAGE, "Eerste")
    second = sanne.comment(OTHER, "Tweede")
    joost.comment(PAGE, "Antwoord een", parent_id=first["id"])
    joost.comment(OTHER, "Antwoord twee", parent_id=second["id"])
    newest, oldest = inbox(sanne)
    assert "vergaderen" in newest["url"]  # newest first

    assert sanne.post(f"/api/notifications/{oldest['id']}/read").json == {"unread": 1}
    assert joost.post(f"/api/notifications/{oldest['id']}/read").status_code == 404  # not his
    assert sanne.post("/api/notifications/read").json == {"unread": 0}
    assert [item["read"] for item in inbox(sanne)] == [True, True]


def test_seeing_a_comment_reads_the_viewers_notifications_about_it_only(sync: Any, sanne: Member,
                                                                       joost: Member) -> None:
    pages(sync)
    visit(sanne, joost)
    first = joost.comment(PAGE, "@sanne kijk hier")
    joost.comment(PAGE, "@sanne en hier")
    assert sanne.post(f"/api/comments/{first['id']}/seen").json == {"unread": 1}
    assert [item["read"] for item in inbox(sanne)] == [False, True]  # the other one waits
    assert sanne.post(f"/api/comments/{first['id']}/seen").json == {"unread": 1}  # again: nothing more to read
    assert joost.post(f"/api/comments/{first['id']}/seen").json == {"unread": 0}  # not his to read: nothing
    assert sanne.post("/api/comments/99999999999/seen").status_code == 404  # no such comment id (the route's range)
    assert sanne.post(f"/api/comments/{first['id']}/seen", headers={"X-CSRF-Token": "vals"}).status_code == 403
    assert sanne.client.post(f"/api/comments/{first['id']}/seen").status_code in (401, 403)
    assert sanne.get("/api/me").json["unread"] == 1


def test_the_thread_answer_carries_the_unread_count_and_its_etag_changes_with_it(
    sync: Any, sanne: Member, joost: Member
) -> None:
    pages(sync)
    first = sanne.comment(PAGE, "Eerste")
    before = sanne.get(f"/api/pages/{OTHER}/thread")
    assert before.json["unread"] == 0
    joost.comment(PAGE, "Antwoord", parent_id=first["id"])
    after = sanne.get(f"/api/pages/{OTHER}/thread", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.json["unread"] == 1



def test_more_people_than_a_few_are_notified_each_for_their_reason_and_counted_unread_once(
    sync: Any, person: Any, sanne: Member, joost: Member
) -> None:
    pages(sync)
    fans = [person(f"fan{number}") for number in range(FEW + 5)]  # more than are written person by person
    visit(sanne, joost, *fans)
    for fan in fans:
        assert fan.write("PUT", "/api/follows", {"kind": "page", "target": PAGE}).status_code == 200
    first = joost.comment(PAGE, "Eerste")
    sanne.comment(PAGE, f"@{fans[0].id} en @joost, kijken jullie mee?", first["id"])

    assert [kinds(fan) for fan in fans] == [["mention", "follow"], *[["follow", "follow"]] * (FEW + 4)]
    assert kinds(joost) == ["mention"]  # mentioned and replied to: the mention, once
    assert {fan.get("/api/me").json["unread"] for fan in fans} == {2} and joost.get("/api/me").json["unread"] == 1


def test_the_thread_answer_says_whether_the_viewer_follows_the_page_and_its_etag_changes_with_it(
    sync: Any, sanne: Member, client: Any
) -> None:
    pages(sync)
    before = sanne.get(f"/api/pages/{PAGE}/thread")
    assert before.json["following"] is False
    assert sanne.write("PUT", "/api/follows", {"kind": "page", "target": PAGE}).status_code == 200
    after = sanne.get(f"/api/pages/{PAGE}/thread", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.json["following"] is True
    assert sanne.get(f"/api/pages/{OTHER}/thread").json["following"] is False
    assert client.get(f"/api/pages/{PAGE}/thread").json["following"] is False  # anonymous
    assert sanne.write("DELETE", "/api/follows", {"kind": "page", "target": PAGE}).status_code == 200
    assert sanne.get(f"/api/pages/{PAGE}/thread").json["following"] is False

def test_bad_input_gets_clear_errors(sync: Any, sanne: Member) -> None:
    pages(sync)
    visit(sanne)
    cases = [
        ({"kind": "page", "target": "bestaat/niet"}, 404, "page_not_found"),
        ({"kind": "person", "target": "niemand"}, 404, "person_not_found"),
        ({"kind": "hashtag", "target": "#123"}, 400, "not_a_hashtag"),
        ({"kind": "planet", "target": "mars"}, 400, "unknown_follow_kind"),
    ]
    for body, status, code in cases:
        answer = sanne.write("PUT", "/api/follows", body)
        assert (answer.status_code, answer.json["error"]["code"]) == (status, code), body
    answer = sanne.write("PUT", "/api/notifications/preferences", {"telepathy": "instant"})
    assert (answer.status_code, answer.json["error"]["code"]) == (400, "unknown_kind")
    answer = sanne.write("PUT", "/api/notifications/preferences", {"mention": "hourly"})
    assert (answer.status_code, answer.json["error"]["code"]) == (400, "unknown_delivery")
    assert sanne.get("/api/notifications?page=0").status_code == 400
    assert sanne.post("/api/notifications/99999999999/read").status_code == 404


def test_preferences_default_and_change(sanne: Member) -> None:
    assert sanne.get("/api/notifications/preferences").json["preferences"] == {
        "mention": "instant", "reply": "instant", "owner": "instant", "question": "instant", "follow": "daily",
        "unanswered": "instant", "escalated": "instant", "announcement": "instant"}
    changed = sanne.write("PUT", "/api/notifications/preferences", {"follow": "weekly", "mention": "never"})
    assert changed.json["preferences"]["follow"] == "weekly"
    assert sanne.get("/api/notifications/preferences").json["preferences"]["mention"] == "never"
