"""Every figure against values counted by hand, on SQLite and PostgreSQL, with the clock moved across month
boundaries and daylight saving time in Europe/Amsterdam."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import func, select

from comments_service.analytics import counting, figures, rollup, sketch
from comments_service.analytics.models import Day, DayHashtag, PageViews, Searches
from comments_service.analytics.periods import Span, month_span
from comments_service.clock import ControlledClock

from analytics_helpers import AMSTERDAM, flush, in_app, local
from service_helpers import PAGE, Member, eventually

KEY = sketch.hash_key("secret-key-for-tests")
JANUARY = month_span(dt.date(2027, 1, 1))
FEBRUARY = month_span(dt.date(2027, 2, 1))


def test_comments_replies_reactions_and_participants_fall_in_the_local_month(
    app: Flask, page: str, clock: ControlledClock, sanne: Member, joost: Member, person: Any
) -> None:
    mila = person("mila")
    local(clock, "2027-01-12 10:00")
    first = sanne.comment(PAGE, "Eerste reactie #gedoe")
    local(clock, "2027-01-31 23:30")  # 22:30 UTC: still January here
    joost.comment(PAGE, "Antwoord", parent_id=first["id"])
    assert joost.post(f"/api/comments/{first['id']}/reactions", {"emoji": "👍"}).status_code in (200, 201)
    local(clock, "2027-02-01 00:30")  # 23:30 UTC on 31 January: February here
    mila.comment("nieuws", "Nieuw in februari #gedoe #duurzaam")
    sanne.comment(PAGE, "Sanne weer #gedoe")
    assert mila.post(f"/api/comments/{first['id']}/reactions", {"emoji": "🎉"}).status_code in (200, 201)

    def check(session: Any) -> None:
        january = figures.source(session, JANUARY, AMSTERDAM)
        numbers = figures.headline(session, january)
        assert (numbers.comments, numbers.replies, numbers.reactions) == (1, 1, 1)
        assert figures.participants(session, january) == 2  # sanne, joost
        assert numbers.participants is None and numbers.new_participants is None  # 2 people: not shown
        february = figures.source(session, FEBRUARY, AMSTERDAM)  # 1 February is today: counted live
        assert february.today is not None
        numbers = figures.headline(session, february)
        assert (numbers.comments, numbers.replies, numbers.reactions) == (2, 0, 1)
        assert figures.participants(session, february) == 2  # mila, sanne
        assert rollup.compute(session, dt.date(2027, 2, 1), AMSTERDAM, KEY).new_participants == 1  # mila only
        top, risen = figures.hashtags(session, february, january)
        assert [(tag.slug, tag.uses, tag.before) for tag in top] == [("gedoe", 2, 1), ("duurzaam", 1, 0)]
        assert [tag.slug for tag in risen] == ["duurzaam", "gedoe"]  # +1 each, then by name
        assert top[0].trend == [2]  # one month: one bucket
        days = figures.source(session, Span(dt.date(2027, 1, 31), dt.date(2027, 2, 1), False), AMSTERDAM)
        assert figures.series(session, days).comments == [1, 2]
        months = figures.hashtag_series(session, "gedoe", dt.date(2027, 2, 1), AMSTERDAM, months=2)
        assert [(m.month, m.pages, m.comments) for m in months] == [
            (dt.date(2027, 1, 1), 0, 1), (dt.date(2027, 2, 1), 0, 2)
        ]

    in_app(app, check)


def test_a_day_of_23_hours_counts_its_own_comments(app: Flask, page: str, clock: ControlledClock, sanne: Member) -> None:
    local(clock, "2027-03-28 00:30")  # 23:30 UTC the day before
    sanne.comment(PAGE, "Vroeg")
    local(clock, "2027-03-28 23:30")  # summer time now: 21:30 UTC
    sanne.comment(PAGE, "Laat")
    local(clock, "2027-03-29 00:10")
    sanne.comment(PAGE, "Volgende dag")
    span = Span(dt.date(2027, 3, 27), dt.date(2027, 3, 29), False)
    assert in_app(app, lambda session: figures.series(session, figures.source(session, span, AMSTERDAM)).comments) == [
        0, 2, 1
    ]
    local(clock, "2027-04-02 12:00")  # all three days rolled up now: the same figures
    assert in_app(app, lambda session: figures.series(session, figures.source(session, span, AMSTERDAM)).comments) == [
        0, 2, 1
    ]


def test_views_count_once_per_reader_page_and_day_and_readers_are_distinct(
    app: Flask, page: str, clock: ControlledClock, sanne: Member, joost: Member, client: Any
) -> None:
    local(clock, "2027-01-31 22:00")
    thread = f"/api/pages/{PAGE}/thread"
    assert sanne.get(thread).status_code == 200
    etag = sanne.get(thread).headers["ETag"]
    assert sanne.get(thread, headers={"If-None-Match": etag}).status_code == 304  # counted before the cache
    joost.get(thread)
    joost.get("/api/pages/nieuws/thread")
    client.get(thread)  # anonymous: a view, not a reader
    client.get(thread)
    joost.get("/api/pages/nieuws/thread", headers={"Sec-Purpose": "prefetch"})
    local(clock, "2027-02-01 09:00")
    sanne.get(thread)
    flush(app)

    def check(session: Any) -> None:
        views = {(pk, day): n for pk, day, n in session.execute(select(PageViews.page_pk, PageViews.day, PageViews.views))}
        assert sorted(views.values()) == [1, 1, 3]  # privacy page 31 Jan: sanne, joost, anonymous; nieuws; 1 Feb
        assert figures.headline(session, figures.source(session, JANUARY, AMSTERDAM)).views == 4
        assert figures.readers(session, ["2027-01-31"]) == 2
        assert figures.readers(session, ["2027-01"]) == 2
        assert figures.readers(session, ["2027-02-01"]) == 1
        assert figures.readers(session, ["2027-01-31", "2027-02-01"]) == 2  # sanne on both days: once
        two_days = figures.source(session, Span(dt.date(2027, 1, 31), dt.date(2027, 2, 1), False), AMSTERDAM)
        top, sections = figures.pages_and_sections(session, two_days, "/")
        assert [(p.views, p.title) for p in top] == [(4, "Privacy en persoonsgegevens"), (1, "Nieuws")]
        assert {s.title: s.views for s in sections} == {"richtlijnen": 4, "nieuws": 1}

    in_app(app, check)


def test_flushes_add_up_and_a_failed_flush_keeps_its_counts(
    app: Flask, page: str, sanne: Member, joost: Member, person: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sanne.get(f"/api/pages/{PAGE}/thread")
    flush(app)
    joost.get(f"/api/pages/{PAGE}/thread")
    flush(app)
    assert in_app(app, lambda session: session.scalar(select(PageViews.views))) == 2
    person("mila").get(f"/api/pages/{PAGE}/thread")

    def database_away(*_: object) -> None:
        raise OSError("the database is away")

    monkeypatch.setattr(counting, "write", database_away)
    with pytest.raises(OSError):
        flush(app)
    monkeypatch.undo()
    person("eva").get(f"/api/pages/{PAGE}/thread")
    flush(app)
    assert in_app(app, lambda session: session.scalar(select(PageViews.views))) == 4  # mila's view kept, eva's added


def test_searches_are_counted_normalised_without_who(
    app: Flask, page: str, client: Any, clock: ControlledClock, sanne: Member
) -> None:
    local(clock, "2027-01-20 12:00")
    sanne.comment(PAGE, "Over het parkeerbeleid")
    answers: list[tuple[str, int]] = []

    def search(query: str, page: str = "1") -> bool:
        response = client.get("/api/search", query_string={"q": query, "page": page})
        if response.status_code == 200 and page == "1":
            answers.append((" ".join(query.casefold().split()), response.json["total"]))
        return response.status_code == 200 and response.json["total"] > 0

    assert eventually(lambda: search("parkeerbeleid"), 10)  # findable once indexed
    for query in ("Fietsplan", "  FIETSPLAN ", "fietsplan"):
        search(query)
    search("parkeerbeleid", page="2")  # a further page of results: not another search
    flush(app)

    def check(session: Any) -> None:
        rows = {q: (n, e) for q, n, e in session.execute(select(Searches.query, Searches.searches, Searches.empty))}
        assert rows["fietsplan"] == (3, 3)
        asked = [total for query, total in answers if query == "parkeerbeleid"]
        assert rows["parkeerbeleid"] == (len(asked), asked.count(0))
        assert asked[-1] > 0
        frequent, fruitless = figures.searches(session, JANUARY)
        assert "fietsplan" not in {f.query for f in frequent + fruitless}  # 3 searches: fewer than 5, not shown
        for _ in range(2):
            search("fietsplan")
        flush(app)
        session.rollback()
        frequent, fruitless = figures.searches(session, JANUARY)
        assert ("fietsplan", 5, 5) in [(f.query, f.searches, f.empty) for f in fruitless]

    in_app(app, check)


@pytest.mark.parametrize("taking_part", [4, 6])
def test_breakdowns_need_five_participants_and_name_only_who_chose_to_be_named(
    app: Flask, page: str, clock: ControlledClock, person: Any, taking_part: int
) -> None:
    local(clock, "2027-01-10 10:00")
    people = [person(f"p{n}", f"Persoon {n}") for n in range(taking_part)]
    for n, member in enumerate(people):
        member.client.environ_base["HTTP_X_PLEIN_DEPARTMENT"] = "HR" if n < 4 else "ICT"
        member.comment(PAGE, f"Reactie {n}")
    for member in people[:3]:  # three opt in; the second of them is low profile
        form = member.get("/analytics/listing")
        assert form.status_code == 200
        assert member.client.post("/analytics/listing", data={"listed": "on", "csrf_token": member.csrf},
                                  headers={**member.identity, "Sec-Fetch-Site": "same-origin"}).status_code == 303
    low = people[1]
    assert low.client.post("/me/settings", data={"low_profile": "on", "csrf_token": low.csrf},
                           headers={**low.identity, "Sec-Fetch-Site": "same-origin"}).status_code == 303
    people[2].comment(PAGE, "Nog een")

    local(clock, "2027-02-10 10:00")

    def check(session: Any) -> None:
        january = figures.source(session, JANUARY, AMSTERDAM)
        assert figures.participants(session, january) == taking_part
        departments = figures.departments(session, january, "Overig")
        contributors = figures.top_contributors(session, january)
        if taking_part == 4:
            assert departments == [] and contributors == []
        else:
            assert departments == [("Overig", 6)]  # HR 4 and ICT 2: both too small on their own
            assert [(c.person_id, c.comments) for c in contributors] == [("p2", 2), ("p0", 1)]

    in_app(app, check)


def test_closed_days_are_rolled_up_once_and_again_after_an_import(
    app: Flask, page: str, clock: ControlledClock, sanne: Member, joost: Member
) -> None:
    local(clock, "2027-01-10 10:00")
    sanne.comment(PAGE, "Eerste #gedoe")
    joost.comment(PAGE, "Tweede")
    local(clock, "2027-02-02 10:00")
    january = in_app(app, lambda session: figures.headline(session, figures.source(session, JANUARY, AMSTERDAM)))
    assert (january.comments, january.new_participants) == (2, None)

    def rolled(session: Any) -> dict[str, object]:
        day = session.get(Day, dt.date(2027, 1, 10))
        hashtags = session.get(DayHashtag, (dt.date(2027, 1, 10), "gedoe"))
        return {"comments": day.comments, "new": day.new_participants, "gedoe": (hashtags.pages, hashtags.comments),
                "days": session.scalar(select(func.count()).select_from(Day))}

    assert in_app(app, rolled) == {"comments": 2, "new": 2, "gedoe": (0, 1), "days": 22}  # from the first comment on
    runner = app.test_cli_runner()
    assert runner.invoke(args=["analytics", "reroll", "--since", "2027-01-20"]).exit_code == 0
    assert in_app(app, lambda session: session.scalar(select(func.count()).select_from(Day))) == 0  # the month goes
    assert in_app(app, lambda session: figures.headline(session, figures.source(session, JANUARY, AMSTERDAM))).comments == 2
    assert runner.invoke(args=["analytics", "reroll", "--since", "2027-02-30"]).exit_code == 2


@pytest.mark.plein_settings(PLEIN_MAIL_TIMEZONE="Asia/Tokyo")
def test_days_and_months_follow_the_configured_time_zone(
    app: Flask, page: str, clock: ControlledClock, sanne: Member
) -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    clock.set(dt.datetime(2027, 1, 31, 14, 30, tzinfo=dt.UTC))  # 23:30 on 31 January in Tokyo
    sanne.comment(PAGE, "Januari in Tokio")
    clock.set(dt.datetime(2027, 1, 31, 15, 30, tzinfo=dt.UTC))  # 00:30 on 1 February in Tokyo; still January in UTC
    sanne.comment(PAGE, "Februari in Tokio")
    clock.set(dt.datetime(2027, 2, 3, 3, tzinfo=dt.UTC))

    def check(session: Any) -> None:
        january = figures.headline(session, figures.source(session, JANUARY, tokyo))
        february = figures.headline(session, figures.source(session, FEBRUARY, tokyo))
        assert (january.comments, february.comments) == (1, 1)
        assert JANUARY.end(tokyo) == dt.datetime(2027, 1, 31, 15, tzinfo=dt.UTC)

    in_app(app, check)
    response = app.test_cli_runner().invoke(args=["report", "--month", "2027-02", "--out", "/dev/null/x"])
    assert response.exit_code == 1  # the folder cannot be made: a clear error, never a traceback
    assert "Cannot write the report into /dev/null/x" in response.output


def test_searches_on_the_results_page_without_javascript_count_too(
    app: Flask, page: str, client: Any, clock: ControlledClock
) -> None:
    local(clock, "2027-01-20 12:00")
    for query in ("Verlof", "verlof"):
        assert client.get("/search/", query_string={"q": query}).status_code == 200
    client.get("/search/", query_string={"q": "verlof", "page": "2"})  # a further page: not another search
    flush(app)
    counted = in_app(app, lambda session: session.execute(
        select(Searches.searches, Searches.empty).where(Searches.query == "verlof")).one())
    assert tuple(counted) == (2, 2)
