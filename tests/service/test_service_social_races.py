"""The same social change twice at once: two tabs, a double click, a mail client's one-click unsubscribe beside
the link opened in a browser. Each answers as it would alone (never a 409 for what cannot conflict) and the rows
end as one request's choice, on SQLite and on PostgreSQL (where the requests really run side by side).

Each trial releases its requests together (`together`: threads, a barrier, a client each).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from comments_service.identity import settings
from comments_service.notifications.unsubscribe import unsubscribe_url

from service_helpers import Member, together

TRIALS = 8


def test_following_the_same_thing_twice_at_once_follows_it_once(page: str, person: Any) -> None:
    for trial in range(TRIALS):
        member = person(f"volger{trial}")
        assert member.csrf
        the_page, tag, tag_with_hash = ({"kind": "page", "target": page}, {"kind": "hashtag", "target": "gedoe"},
                                        {"kind": "hashtag", "target": "#gedoe"})
        statuses = together(*(lambda body=body: member.write("PUT", "/api/follows", body)
                              for body in (the_page, the_page, tag, tag_with_hash)))
        assert statuses == [200] * 4, (trial, statuses)
        for body in (the_page, tag):
            query = {"kind": body["kind"], "target": body["target"]}
            assert member.get("/api/follows", query_string=query).json["following"] is True
            assert member.write("DELETE", "/api/follows", body).status_code == 200  # one row: one unfollow ends it
            assert member.get("/api/follows", query_string=query).json["following"] is False


def test_choosing_a_delivery_twice_at_once_keeps_one_of_the_choices(page: str, person: Any) -> None:
    for trial in range(TRIALS):
        member = person(f"kiezer{trial}")
        assert member.csrf
        choices = ({"mention": "daily"}, {"mention": "weekly"}, {"mention": "never", "reply": "never"})
        statuses = together(*(lambda choice=choice: member.write("PUT", "/api/notifications/preferences", choice)
                              for choice in choices))
        assert statuses == [200] * 3, (trial, statuses)
        chosen = member.get("/api/notifications/preferences").json["preferences"]
        assert chosen["mention"] in {"daily", "weekly", "never"}
        assert chosen["reply"] == "never"


def test_a_one_click_unsubscribe_sent_thrice_at_once_is_done_each_time(app: Flask, page: str, person: Any) -> None:
    for trial in range(TRIALS):
        member = person(f"afmelder{trial}")
        assert member.csrf
        with app.app_context():
            path = urlsplit(unsubscribe_url(settings(), member.id, ["mention", "reply"])).path
        statuses = together(*(lambda: member.client.post(path, data="List-Unsubscribe=One-Click",
                                                         content_type="application/x-www-form-urlencoded")
                              for _ in range(3)))
        assert statuses == [200] * 3, (trial, statuses)
        chosen = member.get("/api/notifications/preferences").json["preferences"]
        assert (chosen["mention"], chosen["reply"]) == ("never", "never")


def test_a_double_clicked_listing_choice_lists_the_person_once(page: str, person: Any) -> None:
    for trial in range(TRIALS):
        member = person(f"lijst{trial}")
        assert member.csrf
        submit = lambda: member.client.post(  # noqa: E731
            "/analytics/listing", data={"listed": "on", "csrf_token": member.csrf},
            headers={**member.identity, "Sec-Fetch-Site": "same-origin"})
        assert together(submit, submit) == [303, 303], trial
        assert 'name="listed" checked>' in member.get("/analytics/listing").text


def test_reactions_at_once_are_all_counted_in_the_authors_one_notification(
    page: str, sanne: Member, person: Any
) -> None:
    colleagues = [person(f"lid{n}") for n in range(8)]
    for colleague in colleagues:
        assert colleague.csrf
    for trial in range(3):
        comment = sanne.comment(page, f"Klik maar {trial}")
        statuses = together(*(lambda c=c: c.post(f"/api/comments/{comment['id']}/reactions", {"emoji": "👍"})
                              for c in colleagues))
        assert statuses == [200] * len(colleagues), (trial, statuses)
        newest = sanne.get("/api/notifications").json["notifications"][0]
        assert (newest["kind"], newest["excerpt"], newest["count"]) == ("reaction", f"Klik maar {trial}", 8)
    assert sanne.get("/api/me").json["unread"] == 3


def test_mentions_at_once_each_reach_the_person(page: str, sanne: Member, person: Any) -> None:
    assert sanne.csrf  # known from a visit, so "@sanne" is a mention
    writers = [person(f"schrijver{n}") for n in range(6)]
    for writer in writers:
        assert writer.csrf
    statuses = together(*(lambda w=w: w.post(f"/api/pages/{page}/comments", {"text": f"Hoi @sanne, {w.name}"})
                          for w in writers))
    assert statuses == [201] * len(writers), statuses
    assert sanne.get("/api/me").json["unread"] == len(writers)


def test_first_visits_at_once_store_the_person_once(person: Any) -> None:
    for trial in range(TRIALS):
        tabs = [person(f"nieuw{trial}", f"Nieuw {trial}") for _ in range(4)]
        assert together(*(lambda tab=tab: tab.get("/api/me") for tab in tabs)) == [200] * 4, trial
        assert tabs[0].get("/api/me").json["viewer"]["name"] == f"Nieuw {trial}"
