"""The figures against hand-computed values (self-replies and unanswered questions included), and the queue."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from flask import Flask

from comments_service import db
from comments_service.clock import ControlledClock
from comments_service.identity import settings
from comments_service.questions import figures
from helpers import OTHER_PAGE, QUESTIONS_PAGE, ask, questions_site
from pages_helpers import find_all, parse, text
from service_helpers import CLOCK_START, Member, manifest, manifest_page

T0 = CLOCK_START


class StillClock(ControlledClock):
    """The test app's clock standing at the moment last set: the durations the figures count are the ones the
    test sets, however long its requests take on a busy machine (a running clock adds each write's own delay,
    and a question whose request took half a second longer than its answer's was answered a second sooner)."""

    def __init__(self, start: dt.datetime) -> None:
        super().__init__(start)
        self._moment = start

    def now(self) -> dt.datetime:
        return self._moment

    def set(self, moment: dt.datetime) -> None:
        self._moment = moment

    def advance(self, delta: dt.timedelta) -> None:
        self._moment += delta


@pytest.fixture
def clock() -> ControlledClock:
    return StillClock(CLOCK_START)


@pytest.fixture
def asked(sync: Any, clock: ControlledClock, sanne: Member, joost: Member) -> dict[str, int]:
    """Four questions: solved after 2 h (a self-reply first), answered after 30 min, only self-replied, and one
    on another section solved after 4 h."""
    sync(questions_site())
    clock.set(T0)
    q1 = ask(sanne, "Vraag een")
    clock.set(T0 + dt.timedelta(minutes=10))
    sanne.comment(QUESTIONS_PAGE, "Aanvulling van mezelf", q1["id"])
    clock.set(T0 + dt.timedelta(hours=1))
    q2 = ask(sanne, "Vraag twee")
    clock.set(T0 + dt.timedelta(hours=1, minutes=30))
    joost.comment(QUESTIONS_PAGE, "Antwoord op twee", q2["id"])
    clock.set(T0 + dt.timedelta(hours=2))
    a1 = joost.comment(QUESTIONS_PAGE, "Antwoord op een", q1["id"])
    q3 = ask(joost, "Vraag drie, #WOL")
    joost.comment(QUESTIONS_PAGE, "Nog steeds niemand?", q3["id"])
    clock.set(T0 + dt.timedelta(hours=3))
    q4 = ask(sanne, "Vraag vier", OTHER_PAGE)
    clock.set(T0 + dt.timedelta(hours=7))
    a4 = joost.comment(OTHER_PAGE, "Antwoord op vier", q4["id"])
    clock.set(T0 + dt.timedelta(days=2))  # marked much later: the time to best answer is the answer's own
    sanne.post(f"/api/questions/{q1['id']}/best", {"answer_id": a1["id"]})
    sanne.post(f"/api/questions/{q4['id']}/best", {"answer_id": a4["id"]})
    return {"q1": q1["id"], "q2": q2["id"], "q3": q3["id"], "q4": q4["id"]}


def compute(app: Flask, start: dt.datetime = T0, end: dt.datetime = T0 + dt.timedelta(days=1),
            **scope: Any) -> figures.QuestionFigures:
    with app.app_context():
        return figures.compute(db.session(), settings().working_calendar, start, end, **scope)


def test_the_figures_of_the_whole_site(app: Flask, asked: dict[str, int]) -> None:
    assert compute(app) == figures.QuestionFigures(
        asked=4, answered=3, best_answered=2, unanswered=1, answer_rate=0.75, best_answer_rate=0.5,
        median_first_answer=dt.timedelta(hours=2),  # 2 h, 30 min, 4 h: the self-replies are no answers
        median_best_answer=dt.timedelta(hours=3),  # 2 h and 4 h
        median_first_answer_working=dt.timedelta(hours=2),  # all on a Monday: working time is clock time
        median_best_answer_working=dt.timedelta(hours=3),
    )


def test_the_figures_per_section_hashtag_page_and_period(app: Flask, asked: dict[str, int]) -> None:
    section = compute(app, section="vragen")
    assert (section.asked, section.answered, section.unanswered, section.best_answered) == (3, 2, 1, 1)
    assert section.answer_rate == pytest.approx(2 / 3)
    assert section.median_first_answer == dt.timedelta(hours=1, minutes=15)  # 2 h and 30 min
    assert section.median_best_answer == dt.timedelta(hours=2)
    assert compute(app, hashtag="#WOL") == section  # the page's hashtag
    assert compute(app, page=OTHER_PAGE).median_first_answer == dt.timedelta(hours=4)
    assert compute(app, section="teams").asked == 1
    early = compute(app, end=T0 + dt.timedelta(hours=1))  # only the first question was asked by then
    assert (early.asked, early.answered, early.median_first_answer) == (1, 1, dt.timedelta(hours=2))
    nothing = compute(app, start=T0 + dt.timedelta(days=1), end=T0 + dt.timedelta(days=2))
    assert nothing == figures.QuestionFigures(0, 0, 0, 0, None, None, None, None, None, None)


def test_answer_times_in_working_time_leave_out_weekends_and_holidays(
    app: Flask, sync: Any, clock: ControlledClock, sanne: Member, joost: Member
) -> None:
    """Asked on Friday at 16:00 in Amsterdam, answered on Monday at 09:00 (65 hours, 17 of them working time);
    asked on Thursday 24 December at 15:00, marked best in an answer of Monday the 28th at 10:00 (19 working
    hours: Christmas and the weekend between)."""
    sync(questions_site())
    clock.set(dt.datetime(2027, 1, 8, 15, 0, tzinfo=dt.UTC))
    weekend = ask(sanne, "Wie heeft er dit weekend dienst?")
    clock.set(dt.datetime(2027, 1, 11, 8, 0, tzinfo=dt.UTC))
    joost.comment(QUESTIONS_PAGE, "Ik, tot maandag.", weekend["id"])
    clock.set(dt.datetime(2026, 12, 24, 14, 0, tzinfo=dt.UTC))
    christmas = ask(sanne, "Is de kantine open tussen kerst en oud en nieuw?")
    clock.set(dt.datetime(2026, 12, 28, 9, 0, tzinfo=dt.UTC))
    answer = joost.comment(QUESTIONS_PAGE, "Alleen op maandag.", christmas["id"])
    sanne.post(f"/api/questions/{christmas['id']}/best", {"answer_id": answer["id"]})
    found = compute(app, start=dt.datetime(2027, 1, 8, tzinfo=dt.UTC), end=dt.datetime(2027, 1, 9, tzinfo=dt.UTC))
    assert (found.median_first_answer, found.median_first_answer_working) == (
        dt.timedelta(hours=65), dt.timedelta(hours=17))
    found = compute(app, start=dt.datetime(2026, 12, 24, tzinfo=dt.UTC), end=dt.datetime(2026, 12, 25, tzinfo=dt.UTC))
    assert (found.median_best_answer, found.median_best_answer_working) == (
        dt.timedelta(days=3, hours=19), dt.timedelta(hours=19))


def test_the_figures_api(app: Flask, asked: dict[str, int], sanne: Member) -> None:
    answer = sanne.get("/api/questions/figures?start=2027-01-04&end=2027-01-05&section=vragen").json
    assert answer["asked"] == 3 and answer["median_first_answer_seconds"] == 4500
    assert answer["median_first_answer_working_seconds"] == 4500  # a Monday: working time is clock time
    bad = sanne.get("/api/questions/figures?start=gisteren&end=2027-01-05", headers={"Accept-Language": "nl"})
    assert bad.status_code == 400 and bad.json["error"]["code"] == "bad_date"


def test_the_queue_lists_open_questions_oldest_first_with_filters(
    app: Flask, asked: dict[str, int], sanne: Member, joost: Member, person: Any
) -> None:
    extra = ask(sanne, "Vraag vijf", OTHER_PAGE)
    assert [q["id"] for q in sanne.get("/api/questions").json["questions"]] == [asked["q3"], extra["id"]]
    assert [q["id"] for q in sanne.get("/api/questions?section=teams").json["questions"]] == [extra["id"]]
    assert [q["id"] for q in sanne.get("/api/questions?hashtag=wol").json["questions"]] == [asked["q3"]]
    assert [q["id"] for q in sanne.get("/api/questions?owner=OLGA").json["questions"]] == [asked["q3"]]
    mine = sanne.get("/api/questions/mine").json["questions"]
    assert [(q["id"], q["state"]) for q in mine] == [
        (extra["id"], "open"), (asked["q4"], "solved"), (asked["q2"], "answered"), (asked["q1"], "solved")]
    olga = person("olga", "Olga Eigenaar")
    assert [q["id"] for q in olga.get("/api/questions/my-pages").json["questions"]] == [asked["q3"]]
    assert sanne.client.get("/api/questions/mine").status_code == 401


def test_the_queue_never_names_a_low_profile_asker(app: Flask, asked: dict[str, int], joost: Member,
                                                   sanne: Member) -> None:
    assert joost.write("PATCH", "/api/me/profile", {"low_profile": True}).status_code == 200
    [entry] = sanne.get("/api/questions").json["questions"]
    assert (entry["id"], entry["asker"]) == (asked["q3"], None)
    page = sanne.get("/questions/").get_data(as_text=True)
    assert "Joost" not in page and "A colleague" in page


def test_the_queue_pages_work_without_javascript(app: Flask, asked: dict[str, int], sanne: Member) -> None:
    page = sanne.get("/questions/?hashtag=wol")
    assert page.status_code == 200 and "Vraag drie" in page.text and "Vraag vier" not in page.text
    assert sanne.get("/questions/mine/").status_code == 200
    assert sanne.client.get("/questions/mine/").status_code == 401
    assert sanne.get("/questions/?page=9").status_code == 404


def test_the_queue_offers_the_sites_sections_by_title_and_the_owners_pages_name(
    app: Flask, sync: Any, sanne: Member
) -> None:
    sync(manifest(
        manifest_page(QUESTIONS_PAGE, title="Thuiswerken", owners=["Team HR", "olga", "SANNE@example.nl"]),
        manifest_page("vragen", title="Vragen en antwoorden"),
        manifest_page("teams", title="Teams"),
        manifest_page(OTHER_PAGE, title="HR", owners=["Team HR"]),
    ))
    root = parse(sanne.get("/questions/?section=teams"))
    select = find_all(root, "select", name="section")[0]
    options = [(option.get("value"), text(option), option.get("selected") is not None)
               for option in find_all(select, "option")]
    assert options == [("", "All sections", False), ("teams", "Teams", True), ("vragen", "Vragen en antwoorden", False)]
    owners = [(option.get("value"), option.get("label")) for option in find_all(root, "datalist")[0]]
    assert owners == [  # each once, as pages name them; a person the service knows by their name
        ("SANNE@example.nl", "Sanne de Vries"), ("Team HR", None), ("olga", None)]
    deeper = parse(sanne.get("/questions/?section=teams/hr"))  # from a link: a deeper section stays chosen
    chosen = [option.get("value") for option in find_all(find_all(deeper, "select")[0], "option")
              if option.get("selected") is not None]
    assert chosen == ["teams/hr"]
    assert not find_all(parse(sanne.get("/questions/mine/")), "datalist")  # owners filter the open queue only
