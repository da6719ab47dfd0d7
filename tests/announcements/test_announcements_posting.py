"""Posting a short announcement through the service: the communication role only, a clear error in the reader's
language for an end date in the past or a department one is not in (nothing stored), and a warning naming the
advice when a week gets more than two."""

from __future__ import annotations

from typing import Any

from tests.announcements.announcement_helpers import site
from service_helpers import Member

NL = {"Accept-Language": "nl"}


def titles(member: Member) -> list[str]:
    return [item["title"] for item in member.get("/api/me").json["announcements"]]


def test_the_communication_role_posts_one_and_everyone_sees_it(sync: Any, communicator: Member, sanne: Member,
                                                               joost: Member) -> None:
    sync(site(announcement=None))
    answer = communicator.post("/api/announcements", {"title": "  Kerstborrel   vrijdag ", "text": "Om 16:00.",
                                                      "until": "2027-01-08", "page": "nieuws/verhuizing"})
    assert answer.status_code == 201, answer.json
    assert answer.json["warning"] is None
    posted = answer.json["announcement"]
    assert posted["title"] == "Kerstborrel vrijdag" and posted["text"] == "Om 16:00."
    assert posted["url"] == "/nieuws/verhuizing/" and posted["until"].startswith("2027-01-08T23:00:00")
    assert titles(sanne) == titles(joost) == ["Kerstborrel vrijdag"]

    refused = sanne.post("/api/announcements", {"title": "Ook ik"}, headers=NL)
    assert refused.status_code == 403 and refused.json["error"]["code"] == "not_communication"
    assert "communicatie" in refused.json["error"]["message"]


def test_an_end_date_in_the_past_is_refused_in_the_readers_language_and_nothing_is_stored(
        sync: Any, communicator: Member, sanne: Member) -> None:
    sync(site(announcement=None))
    dutch = communicator.post("/api/announcements", {"title": "Te laat", "until": "2027-01-03"}, headers=NL)
    assert dutch.status_code == 422 and dutch.json["error"]["code"] == "until_past"
    assert dutch.json["error"]["message"].startswith("De einddatum ligt in het verleden")
    english = communicator.post("/api/announcements", {"title": "Too late", "until": "2027-01-04T08:59:00+00:00"})
    assert english.json["error"]["message"].startswith("The end date is in the past")
    assert communicator.post("/api/announcements", {"title": "x", "until": "morgen"}).json["error"]["code"] == "bad_until"
    assert titles(sanne) == [] and communicator.get("/api/announcements").json["announcements"] == []


def test_posting_as_a_department_one_is_not_a_member_of_is_refused(sync: Any, communicator: Member,
                                                                   sanne: Member) -> None:
    sync(site(announcement=None))
    answer = communicator.post("/api/announcements", {"title": "Salarisverhoging", "as": "hr"}, headers=NL)
    assert answer.status_code == 403 and answer.json["error"]["code"] == "not_department_member"
    assert answer.json["error"]["message"] == ("Je bent geen lid van HR, dus je kunt niet namens die afdeling "
                                               "schrijven. Er is niets geplaatst.")
    unknown = communicator.post("/api/announcements", {"title": "x", "as": "finance"})
    assert unknown.status_code == 400 and unknown.json["error"]["code"] == "unknown_department"
    assert titles(sanne) == []
    ok = communicator.post("/api/announcements", {"title": "Nieuwe huisstijl", "as": "communicatie"})
    assert ok.status_code == 201


def test_a_third_announcement_within_seven_days_warns_naming_the_advice(sync: Any, communicator: Member,
                                                                        clock: Any) -> None:
    import datetime as dt
    sync(site())  # one from content, today
    clock.advance(dt.timedelta(days=2))
    assert communicator.post("/api/announcements", {"title": "Twee"}).json["warning"] is None
    clock.advance(dt.timedelta(days=2))
    third = communicator.post("/api/announcements", {"title": "Drie"}, headers=NL).json
    assert third["warning"] == ("Let op: dit is de 3e aankondiging binnen zeven dagen. Het advies is hooguit "
                                "zo'n twee per week, anders lezen mensen ze niet meer.")
    clock.advance(dt.timedelta(days=8))
    assert communicator.post("/api/announcements", {"title": "Vier"}).json["warning"] is None


def test_bad_fields_get_clear_errors(sync: Any, communicator: Member) -> None:
    sync(site(announcement=None))
    cases = [({"text": "geen titel"}, 422, "title_empty"), ({"title": "x" * 121}, 413, "title_too_long"),
             ({"title": "x", "text": "y" * 501}, 413, "text_too_long"), ({"title": "x", "mail": "ja"}, 400, "wrong_type"),
             ({"title": "x", "page": "bestaat-niet"}, 404, "page_not_found"), ({"title": 3}, 400, "wrong_type")]
    for body, status, code in cases:
        answer = communicator.post("/api/announcements", body)
        assert (answer.status_code, answer.json["error"]["code"]) == (status, code), body


def test_reach_counts_seen_reactions_and_comments_and_names_nobody(sync: Any, communicator: Member, sanne: Member,
                                                                   joost: Member, person: Any) -> None:
    sync(site())
    low = person("lotte")
    low.patch("/api/me/profile", {"low_profile": True})
    announcement = sanne.get("/api/me").json["announcements"][0]
    sanne.get("/api/pages/nieuws/verhuizing/thread")  # opened
    low.post(f"/api/announcements/{announcement['id']}/dismiss")
    joost.comment("nieuws/verhuizing", "Eindelijk!")
    joost.post("/api/pages/nieuws/verhuizing/reactions", {"emoji": "🎉"})
    answer = communicator.get(f"/api/announcements/{announcement['id']}/reach")
    assert answer.status_code == 200
    reach = answer.json["reach"]
    assert (reach["seen"], reach["opened"], reach["dismissed"]) == (2, 1, 1)
    assert reach["known"] == 4 and reach["share"] == 0.5  # carla, sanne, lotte, joost
    assert (reach["reactions"], reach["comments"]) == (1, 1)
    assert "lotte" not in str(answer.json) and "sanne" not in str(answer.json)
    assert sanne.get(f"/api/announcements/{announcement['id']}/reach").status_code == 403
