"""The monthly report by mail: due on the first working day of a month, sent once to a real SMTP server on
127.0.0.1 even when two workers run the job at the same moment."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from comments_service import create_app, db
from comments_service.analytics.models import ReportMailing
from comments_service.analytics.report import due_month, mail_monthly_report
from comments_service.clock import ControlledClock

from analytics_helpers import AMSTERDAM, local
from mail_helpers import MAIL, SmtpServer
from service_helpers import PAGE

RECIPIENTS = "directie@example.nl, communicatie@example.nl"
pytestmark = pytest.mark.plein_settings(**MAIL, PLEIN_REPORT_RECIPIENTS=RECIPIENTS)


def job(app: Flask) -> bool:
    """The periodic job as the worker runs it: in the app's context."""
    with app.app_context():
        return mail_monthly_report(app)


def test_the_report_is_due_from_the_first_working_day(app: Flask) -> None:
    def due(text: str) -> dt.date | None:
        with app.app_context():
            return due_month(dt.datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM))

    assert due("2027-02-01 06:59") is None  # a Monday, before the digest hour (7)
    assert due("2027-02-01 07:00") == dt.date(2027, 1, 1)
    assert due("2027-05-01 09:00") is None and due("2027-05-02 09:00") is None  # Saturday, Sunday
    assert due("2027-05-03 07:30") == dt.date(2027, 4, 1)  # Monday 3 May
    assert due("2027-05-20 12:00") == dt.date(2027, 4, 1)  # a worker that was away catches up
    assert due("2027-01-01 09:00") is None  # New Year's Day, a Friday, is a public holiday (PLEIN_HOLIDAYS=NL)
    assert due("2027-01-04 07:00") == dt.date(2026, 12, 1)


@pytest.mark.plein_settings(PLEIN_HOLIDAYS="none")
def test_without_public_holidays_the_report_is_due_on_new_years_day(app: Flask) -> None:
    with app.app_context():
        assert due_month(dt.datetime(2027, 1, 1, 9, tzinfo=AMSTERDAM)) == dt.date(2026, 12, 1)


def test_two_workers_mail_the_report_once(
    app: Flask, page: str, settings: dict[str, Any], clock: ControlledClock, person: Any, smtp: SmtpServer
) -> None:
    local(clock, "2027-01-12 10:00")
    for n in range(5):
        person(f"p{n}").comment(PAGE, f"Januari {n} #gedoe")
    local(clock, "2027-02-01 06:50")
    assert job(app) is False  # not yet due
    local(clock, "2027-02-01 07:10")
    other = create_app(settings)  # a second worker on the same database
    results: list[bool] = []
    start = threading.Barrier(2)

    def run(worker: Flask) -> None:
        start.wait()
        results.append(job(worker))

    threads = [threading.Thread(target=run, args=(worker,)) for worker in (app, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    other.extensions["plein_search"].close()
    with other.app_context():
        db.engine().dispose()
    assert sorted(results) == [False, True]
    assert len(smtp.inbox.received) == 1
    mail = smtp.inbox.received[0]
    assert sorted(mail.to) == ["communicatie@example.nl", "directie@example.nl"]
    assert mail.message["Subject"] == "Plein: maandrapport januari 2027"
    assert "Maandrapport januari 2027" in mail.part("html")
    attachments = list(mail.message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["plein-2027-01.pdf"]
    assert attachments[0].get_content().startswith(b"%PDF")
    local(clock, "2027-02-01 09:00")
    assert job(app) is False  # sent: never again
    with app.app_context():
        assert db.session().scalar(select(ReportMailing.sent)) is not None
    assert len(smtp.inbox.received) == 1


def test_a_claim_left_by_a_crashed_worker_is_taken_over(
    app: Flask, page: str, clock: ControlledClock, person: Any, smtp: SmtpServer
) -> None:
    local(clock, "2027-01-12 10:00")
    person("p").comment(PAGE, "Januari")
    local(clock, "2027-02-01 07:10")
    with app.app_context():
        with db.transaction() as session:
            session.add(ReportMailing(month="2027-01", claimed=clock.now()))  # claimed, never sent
    assert job(app) is False
    clock.advance(dt.timedelta(minutes=31))
    assert job(app) is True
    assert len(smtp.inbox.received) == 1
