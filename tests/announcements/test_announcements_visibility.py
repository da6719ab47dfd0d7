"""Each signed-in reader sees an announcement on top of every page until they open or dismiss it; another
reader still sees it; it ends at its end date, or when its page drops it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.announcements.announcement_helpers import NEWS, site
from service_helpers import Member


def banner(member: Member, page: str | None = None) -> list[str]:
    """The titles the reader's one request per page load brings: the thread's answer, or /api/me."""
    answer = member.get(f"/api/pages/{page}/thread" if page else "/api/me").json
    return [item["title"] for item in answer["announcements"]]


def test_every_reader_sees_it_until_they_dismiss_or_open_it(sync: Any, sanne: Member, joost: Member,
                                                            person: Any) -> None:
    sync(site())
    lotte = person("lotte")
    assert banner(sanne) == banner(joost) == banner(lotte, "index") == ["We verhuizen"]
    announcement = sanne.get("/api/me").json["announcements"][0]
    assert announcement["url"] == "/nieuws/verhuizing/" and announcement["required"] is False

    dismissed = sanne.post(f"/api/announcements/{announcement['id']}/dismiss")
    assert dismissed.status_code == 200 and dismissed.json["announcements"] == []
    assert banner(sanne) == banner(sanne, "index") == []
    assert banner(joost, "index") == ["We verhuizen"]  # another reader still sees it

    assert banner(joost, NEWS) == []  # opening its page counts as seen
    assert banner(joost, "index") == []
    assert banner(lotte) == ["We verhuizen"]


def test_the_shared_thread_cache_never_carries_one_readers_announcements(sync: Any, sanne: Member,
                                                                         joost: Member, client: Any) -> None:
    sync(site())
    first = sanne.get("/api/pages/index/thread")
    sanne.post(f"/api/announcements/{first.json['announcements'][0]['id']}/dismiss")
    again = sanne.get("/api/pages/index/thread", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and again.json["announcements"] == []  # the ETag moved with the dismissal
    assert banner(joost, "index") == ["We verhuizen"]
    assert client.get("/api/pages/index/thread").json.get("announcements") == []  # anonymous: no banner


def test_it_ends_at_its_end_date(sync: Any, sanne: Member, clock: Any) -> None:
    sync(site(announcement={"from": None, "until": "2027-01-05", "required": False, "mail": False}))
    assert banner(sanne) == ["We verhuizen"]  # the clock starts on Monday 2027-01-04 09:00 UTC
    clock.advance(dt.timedelta(hours=13))  # 22:00 UTC: 23:00 in Amsterdam, still the 5th there
    clock.advance(dt.timedelta(hours=1))
    assert banner(sanne) == ["We verhuizen"]
    clock.advance(dt.timedelta(hours=24))  # 6 January, 00:00 in Amsterdam and later
    assert banner(sanne) == []


def test_a_later_start_waits_and_dropping_the_front_matter_ends_it(sync: Any, sanne: Member, clock: Any) -> None:
    sync(site(announcement={"from": "2027-01-06", "until": None, "required": False, "mail": False}))
    assert banner(sanne) == []
    clock.advance(dt.timedelta(days=2))
    assert banner(sanne) == ["We verhuizen"]
    sync(site(announcement=None))
    assert banner(sanne) == []


def test_a_malformed_announcement_refuses_the_sync(app: Any, sanne: Member) -> None:
    from service_helpers import SYNC_TOKEN
    body = site(announcement={"from": None, "until": "soon", "required": False, "mail": False})
    answer = app.test_client().post("/api/sync", json=body, headers={"Authorization": f"Bearer {SYNC_TOKEN}"})
    assert answer.status_code == 422 and "until" in answer.json["error"]["message"]
    assert banner(sanne) == []
