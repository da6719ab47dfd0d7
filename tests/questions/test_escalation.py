"""Escalation across a weekend on the controlled clock, mailed through a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from flask import Flask

from comments_service import create_app
from comments_service.clock import ControlledClock
from comments_service.config import ConfigError
from comments_service.notifications.jobs import _PERIODIC, run_deliveries
from comments_service.questions.escalation import escalate
from helpers import QUESTIONS_PAGE, ask, questions_site
from mail_helpers import MAIL, SmtpServer
from service_helpers import Member

FRIDAY_3PM = dt.datetime(2027, 1, 8, 14, 0, tzinfo=dt.UTC)  # 15:00 in Amsterdam
MONDAY_3PM = dt.datetime(2027, 1, 11, 14, 0, tzinfo=dt.UTC)


def run(app: Flask) -> int:
    with app.app_context():
        return escalate(app.extensions["plein"])


@pytest.fixture
def olga(sync: Any, person: Any) -> Member:
    """The owner of the synced questions page, known to the service from a first visit."""
    sync(questions_site())
    owner: Member = person("olga", "Olga Eigenaar")
    owner.get("/api/me")
    return owner


def escalates_from(app: Flask, clock: ControlledClock, due: dt.datetime) -> None:
    """The question waits until ``due``: not escalated a minute before, escalated a minute after."""
    clock.set(due - dt.timedelta(minutes=1))
    assert run(app) == 0
    clock.set(due + dt.timedelta(minutes=1))
    assert run(app) == 1


def reminders(member: Member) -> int:
    """How many notifications tell ``member`` that a question on their page waits for an answer."""
    return [entry["kind"] for entry in member.get("/api/notifications").json["notifications"]].count("unanswered")


@pytest.mark.plein_settings(**MAIL, PLEIN_COMMUNITY_MANAGER_GROUPS="community")
def test_an_unanswered_question_goes_to_the_owner_after_a_working_day_then_to_community_managers(
    app: Flask, smtp: SmtpServer, clock: ControlledClock, olga: Member, sanne: Member, person: Any
) -> None:
    person("cora", "Cora Community", ["community"]).get("/api/me")
    clock.set(FRIDAY_3PM)
    question = ask(sanne, "Wie weet hoe de nieuwe printer werkt?")
    sanne.comment(QUESTIONS_PAGE, "Iemand?", question["id"])  # the asker's own reply answers nothing
    run_deliveries(app)  # the owner hears of the question (and the reply) at once
    escalates_from(app, clock, MONDAY_3PM)  # the weekend does not count
    assert run(app) == 0  # claimed: never twice
    run_deliveries(app)
    first, reminder = smtp.inbox.to("olga@example.nl")
    assert "stelde een vraag" in first.part("plain")
    assert str(reminder.message["Subject"]) == "Een vraag op je pagina “Thuiswerken” wacht nog op antwoord"
    assert smtp.inbox.to("cora@example.nl") == []
    clock.set(MONDAY_3PM + dt.timedelta(days=1, minutes=2))
    assert run(app) == 1
    run_deliveries(app)
    assert len(smtp.inbox.to("cora@example.nl")) == 1
    assert len(smtp.inbox.to("olga@example.nl")) == 2


@pytest.mark.plein_settings(**MAIL, PLEIN_COMMUNITY_MANAGER_PEOPLE="cora, nooit-gezien")
def test_community_managers_named_by_id_hear_of_it_too(
    app: Flask, smtp: SmtpServer, clock: ControlledClock, olga: Member, sanne: Member, person: Any
) -> None:
    person("cora", "Cora Community").get("/api/me")  # no groups: named in the settings; "nooit-gezien" never came
    clock.set(FRIDAY_3PM)
    ask(sanne, "Wie weet hoe de nieuwe printer werkt?")
    escalates_from(app, clock, MONDAY_3PM)
    clock.set(MONDAY_3PM + dt.timedelta(days=1, minutes=2))
    assert run(app) == 1
    run_deliveries(app)
    [mail] = smtp.inbox.to("cora@example.nl")
    assert "wacht nog op antwoord" in str(mail.message["Subject"])


@pytest.mark.plein_settings(**MAIL)
def test_an_answered_question_is_not_escalated(
    app: Flask, smtp: SmtpServer, clock: ControlledClock, sync: Any, sanne: Member, joost: Member
) -> None:
    sync(questions_site())
    clock.set(FRIDAY_3PM)
    question = ask(sanne, "Waar staat de koffieautomaat?")
    joost.comment(QUESTIONS_PAGE, "Op de tweede verdieping.", question["id"])
    clock.set(MONDAY_3PM + dt.timedelta(days=3))
    assert run(app) == 0


def test_two_workers_at_once_escalate_a_question_once(
    app: Flask, clock: ControlledClock, olga: Member, sanne: Member
) -> None:
    clock.set(FRIDAY_3PM)
    ask(sanne, "Wie heeft de sleutel van de fietsenstalling?")
    clock.set(MONDAY_3PM + dt.timedelta(minutes=1))
    start = threading.Barrier(2)
    done: list[int] = []

    def worker() -> None:
        start.wait()
        done.append(run(app))

    workers = [threading.Thread(target=worker) for _ in range(2)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    assert sorted(done) == [0, 1]
    assert reminders(olga) == 1


def test_the_job_worker_runs_escalation_on_a_schedule(app: Flask) -> None:
    assert "escalate_questions" in _PERIODIC


@pytest.mark.plein_settings(PLEIN_QUESTION_ESCALATE_AFTER="2")
def test_the_wait_is_configurable_in_working_hours(
    app: Flask, clock: ControlledClock, olga: Member, sanne: Member
) -> None:
    clock.set(FRIDAY_3PM + dt.timedelta(hours=8))  # Friday 23:00 in Amsterdam: one working hour left that week
    ask(sanne, "Werkt de vpn in het weekend?")
    escalates_from(app, clock, MONDAY_3PM - dt.timedelta(hours=14))  # Monday 01:00 there: two working hours


def test_public_holidays_do_not_count(app: Flask, clock: ControlledClock, olga: Member, sanne: Member) -> None:
    """Asked on Thursday 24 December at 15:00: Christmas (Friday) and the weekend pass; due on Monday at 15:00."""
    clock.set(dt.datetime(2026, 12, 24, 14, 0, tzinfo=dt.UTC))
    ask(sanne, "Is de kantine open tussen kerst en oud en nieuw?")
    escalates_from(app, clock, dt.datetime(2026, 12, 28, 14, 0, tzinfo=dt.UTC))  # Monday 15:00 in Amsterdam
    assert reminders(olga) == 1


@pytest.mark.plein_settings(PLEIN_HOLIDAYS_WORKED="Goede vrijdag")
def test_a_public_holiday_the_organisation_works_counts(
    app: Flask, clock: ControlledClock, olga: Member, sanne: Member
) -> None:
    """Asked on Thursday 25 March 2027 at 12:00, the day before Good Friday, which this organisation works."""
    clock.set(dt.datetime(2027, 3, 25, 11, 0, tzinfo=dt.UTC))
    ask(sanne, "Wie sluit er morgen af?")
    escalates_from(app, clock, dt.datetime(2027, 3, 26, 11, 0, tzinfo=dt.UTC))  # Friday 12:00 in Amsterdam
    assert reminders(olga) == 1


@pytest.mark.parametrize("value", ["0", "een dag", "-3"])
def test_a_wait_that_is_no_number_of_hours_is_refused_at_start_up(settings: dict[str, Any], value: str) -> None:
    with pytest.raises(ConfigError, match="PLEIN_QUESTION_ESCALATE_AFTER"):
        create_app({**settings, "PLEIN_QUESTION_ESCALATE_AFTER": value})
