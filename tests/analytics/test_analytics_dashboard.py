"""The dashboard: who may see it, what it shows (tables beside charts, CSV of every table, k >= 5), and bad input
answered with a page in the reader's language, never a 500."""

from __future__ import annotations

import datetime as dt
import csv
import io
from typing import Any

import pytest
from flask import Flask

from comments_service.clock import ControlledClock

from analytics_helpers import flush, local
from pages_helpers import find_all, parse, text
from service_helpers import PAGE, Member


@pytest.fixture
def communication(person: Any) -> Member:
    return person("carla", "Carla Communicatie", ["communicatie"])


@pytest.fixture
def manager(person: Any) -> Member:
    return person("dirk", "Dirk Directeur", ["directie"])


def test_only_communication_and_management_see_the_figures(
    app: Flask, page: str, client: Any, sanne: Member, communication: Member, manager: Member
) -> None:
    anonymous = client.get("/analytics/", headers={"Accept-Language": "nl"})
    assert anonymous.status_code == 401
    assert "Log in" in anonymous.get_data(as_text=True)
    refused = sanne.get("/analytics/", headers={"Accept-Language": "en"})
    assert refused.status_code == 403
    assert "for communication and management" in refused.get_data(as_text=True)
    assert sanne.get("/analytics/headline.csv").status_code == 403
    assert communication.get("/analytics/").status_code == 200
    assert manager.get("/analytics/").status_code == 200


def test_the_dashboard_shows_figures_with_a_table_beside_every_chart(
    app: Flask, page: str, clock: ControlledClock, person: Any, communication: Member
) -> None:
    local(clock, "2027-01-20 10:00")
    for n in range(6):
        member = person(f"p{n}")
        member.get(f"/api/pages/{PAGE}/thread")
        member.comment(PAGE, f"Reactie {n} #gedoe")
    flush(app)
    local(clock, "2027-01-21 10:00")
    response = communication.get("/analytics/", query_string={"period": "7d", "hashtag": "#Gedoe"},
                                 headers={"Accept-Language": "nl"})
    assert response.status_code == 200
    root = parse(response)
    tables = {text(caption): table for table in find_all(root, "table") for caption in find_all(table, "caption")}
    headline = tables["Lezers en deelnemers"]
    rows = {text(row[0]): [text(cell) for cell in row[1:]] for row in find_all(headline, "tr")[1:]}
    assert rows["Lezers"][0] == "6" and rows["Deelnemers"][0] == "6" and rows["Reacties"][0] == "6"
    assert rows["Paginaweergaven"][0] == "6"
    assert rows["Deel van de lezers dat meedoet"][0] == "100%"  # all six readers wrote
    charts = find_all(root, "div", class_="plein-chart")
    assert len(charts) == 3  # reading, conversations, the hashtag's months
    for chart in charts:
        svg = chart.find("{http://www.w3.org/2000/svg}svg")
        assert svg is not None and svg.get("aria-hidden") == "true"
    assert any(caption.startswith("De cijfers van de grafiek: #gedoe") for caption in tables)
    hashtags = tables["Populaire hashtags"]
    assert [text(cell) for cell in find_all(hashtags, "tr")[1]][:4] == ["#gedoe", "6", "–", "–"]  # see below
    assert rows["Lezers"][1:] == ["–", "–"]  # the week before lies before the first figure: nothing to compare
    assert text(find_all(root, "p", class_="plein-analytics__span")[0]) == (
        "15 jan 2027 t/m 21 jan 2027; niet vergeleken met de periode ervoor, want de cijfers beginnen op 20 jan 2027")
    assert "Deelnemers per afdeling" in tables  # six took part: a breakdown (all in "Overig": no departments)
    links = [a.get("href") for a in find_all(root, "a") if (a.get("href") or "").endswith(".csv?period=7d&hashtag=%23Gedoe")]
    assert len(links) >= 8


def test_a_period_whose_week_before_lies_within_the_data_compares_with_it(
    app: Flask, page: str, clock: ControlledClock, sanne: Member, communication: Member
) -> None:
    local(clock, "2027-01-08 10:00")
    sanne.comment(PAGE, "Het begin #gedoe")  # the first figure: the whole week before the chosen one is counted
    local(clock, "2027-01-20 10:00")
    sanne.comment(PAGE, "Weer #gedoe")
    sanne.comment(PAGE, "En nog eens #gedoe")
    flush(app)
    local(clock, "2027-01-21 10:00")
    response = communication.get("/analytics/", query_string={"period": "7d"}, headers={"Accept-Language": "nl"})
    root = parse(response)
    assert text(find_all(root, "p", class_="plein-analytics__span")[0]) == (
        "15 jan 2027 t/m 21 jan 2027, vergeleken met 8 jan 2027 t/m 14 jan 2027")
    rows = list(csv.reader(io.StringIO(communication.get("/analytics/headline.csv?period=7d").get_data(as_text=True))))
    assert {row[0]: row[1:] for row in rows[1:]}["comments"] == ["2", "1"]
    rising = list(csv.reader(io.StringIO(communication.get("/analytics/rising.csv?period=7d").get_data(as_text=True))))
    assert rising[1:] == [["gedoe", "2", "1"]]


def test_every_table_downloads_as_csv(app: Flask, page: str, clock: ControlledClock, sanne: Member,
                                      communication: Member) -> None:
    local(clock, "2027-01-20 10:00")
    sanne.comment(PAGE, "Eén #gedoe")
    local(clock, "2027-01-21 10:00")
    response = communication.get("/analytics/headline.csv?period=7d")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["figure", "period", "previous_period"]
    figures = {row[0]: row[1:] for row in rows[1:]}
    assert figures["comments"] == ["1", ""]  # the week before lies before the first figure: not compared
    assert figures["participants"] == ["<5", ""]  # one person: withheld
    hashtag = communication.get("/analytics/hashtags.csv?period=7d")
    assert list(csv.reader(io.StringIO(hashtag.get_data(as_text=True))))[1] == ["gedoe", "1", ""]
    assert communication.get("/analytics/nothing.csv").status_code == 404


@pytest.mark.parametrize(("query", "status", "words"), [
    ({"period": "5d"}, 400, "Kies als periode"),
    ({"period": "3m", "end": "2026-13"}, 400, "JJJJ-MM"),
    ({"period": "28d", "end": "2027-02-30"}, 400, "bestaande dag"),
    ({"period": "12m", "end": "2031-01"}, 400, "nog niet begonnen"),
    ({"hashtag": "no spaces"}, 400, "alleen letters"),
])
def test_bad_input_gets_a_clear_page_in_the_readers_language(
    app: Flask, page: str, communication: Member, query: dict[str, str], status: int, words: str
) -> None:
    response = communication.get("/analytics/", query_string=query, headers={"Accept-Language": "nl"})
    assert response.status_code == status
    assert words in response.get_data(as_text=True)
    assert communication.get("/analytics/headline.csv", query_string=query).status_code == status


def test_a_period_before_the_data_is_refused(app: Flask, page: str, clock: ControlledClock, sanne: Member,
                                           communication: Member) -> None:
    local(clock, "2027-01-20 10:00")
    sanne.comment(PAGE, "Het begin")
    response = communication.get("/analytics/?period=28d&end=2026-06-01", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "no figures before 2027-01-20" in response.get_data(as_text=True)


def test_the_listing_form_needs_its_token(app: Flask, page: str, sanne: Member) -> None:
    page_html = sanne.get("/analytics/listing", headers={"Accept-Language": "en"})
    assert page_html.status_code == 200 and "named in such lists" in page_html.get_data(as_text=True)
    forged = sanne.client.post("/analytics/listing", data={"listed": "on", "csrf_token": "wrong"},
                               headers={**sanne.identity, "Sec-Fetch-Site": "same-origin"})
    assert forged.status_code == 403


def test_the_monthly_report_on_the_dashboard(app: Flask, page: str, clock: ControlledClock, sanne: Member,
                                            communication: Member) -> None:
    local(clock, "2027-01-20 10:00")
    sanne.comment(PAGE, "Januari")
    local(clock, "2027-02-03 10:00")
    dashboard = communication.get("/analytics/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'href="/analytics/report/2027-01.pdf"' in dashboard
    html = communication.get("/analytics/report/2027-01.html", headers={"Accept-Language": "en"})
    assert html.status_code == 200 and "Monthly report January 2027" in html.get_data(as_text=True)
    pdf = communication.get("/analytics/report/2027-01.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert sanne.get("/analytics/report/2027-01.pdf").status_code == 403
    wrong = communication.get("/analytics/report/2027-13.html", headers={"Accept-Language": "nl"})
    assert wrong.status_code == 400 and "geen maand" in wrong.get_data(as_text=True)
    assert communication.get("/analytics/report/2026-12.html").status_code == 400  # before the data
    assert communication.get("/analytics/report/2027-01.docx").status_code == 404


def test_question_figures_on_the_dashboard(app: Flask, page: str, clock: ControlledClock, sanne: Member,
                                          joost: Member, communication: Member) -> None:
    local(clock, "2027-01-11 09:00")
    first = sanne.post(f"/api/pages/{PAGE}/comments", {"text": "Wie weet dit?", "question": True})
    second = sanne.post(f"/api/pages/{PAGE}/comments", {"text": "En dit?", "question": True})
    assert first.status_code == second.status_code == 201
    # answered 2.5 hours after the question's own moment (the clock ran on while the first request was answered)
    clock.set(dt.datetime.fromisoformat(first.json["created"]) + dt.timedelta(hours=2, minutes=30))
    joost.comment(PAGE, "Ik weet het", parent_id=first.json["id"])
    local(clock, "2027-01-13 09:00")
    rows = list(csv.reader(io.StringIO(communication.get("/analytics/questions.csv?period=7d").get_data(as_text=True))))
    figures = {row[0]: row[1] for row in rows[1:]}
    assert (figures["asked"], figures["answered"], figures["unanswered"]) == ("2", "1", "1")
    assert figures["answer_rate"] == "0.5" and figures["median_first_answer_seconds"] == "9000"
    assert figures["median_first_answer_working_seconds"] == "9000"  # on a Monday: as the clock
    page_text = communication.get("/analytics/?period=7d", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Mediane tijd tot eerste antwoord in werktijd" in page_text and "vrije dagen van de organisatie" in page_text
    waited = list(csv.reader(io.StringIO(communication.get("/analytics/waited.csv?period=7d").get_data(as_text=True))))
    seconds = [int(row[2]) for row in waited[1:]]  # the open one waits until now (2 days); the clock runs on
    assert abs(seconds[0] - 2 * 86400) <= 1 and abs(seconds[1] - 9000) <= 1


def test_shares_compare_in_percentage_points(app: Flask, page: str, clock: ControlledClock, sanne: Member,
                                             joost: Member, communication: Member) -> None:
    local(clock, "2027-01-01 10:00")
    sanne.comment(PAGE, "De eerste reactie")  # the figures begin: both weeks below lie within them
    local(clock, "2027-01-11 09:00")
    asked = sanne.post(f"/api/pages/{PAGE}/comments", {"text": "Wie weet dit?", "question": True})
    joost.comment(PAGE, "Ik", parent_id=asked.json["id"])
    local(clock, "2027-01-18 09:00")
    asked = sanne.post(f"/api/pages/{PAGE}/comments", {"text": "En dit?", "question": True})
    joost.comment(PAGE, "Ik weer", parent_id=asked.json["id"])
    sanne.post(f"/api/pages/{PAGE}/comments", {"text": "En dat?", "question": True})
    local(clock, "2027-01-20 10:00")
    root = parse(communication.get("/analytics/?period=7d", headers={"Accept-Language": "nl"}))
    table = next(table for table in find_all(root, "table") if text(find_all(table, "caption")[0]) == "Vragen")
    rows = {text(row[0]): [text(cell) for cell in row[1:]] for row in find_all(table, "tr")[1:]}
    assert rows["Gesteld"] == ["2", "1", "+100%"]  # a count: by how much it grew
    assert rows["Beantwoord (deel)"] == ["50%", "100%", "−50 %-punt"]  # a share: by how many points
