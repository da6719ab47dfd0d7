"""``flask analytics seed-demo``: the demo's made-up history, once, in demo mode only; its colleagues are demo
logins by their names, so one can sign in as one of them and mention them by the handle the autocomplete offers;
askers mark some answers best; colleagues are members of their department's team, which owns pages, and the
unanswered questions of the past were escalated as they went, so the first escalation run finds none."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from comments_service import db
from comments_service.analytics.demo import UNREAD_FOR
from comments_service.clock import utcnow
from comments_service.identity import settings
from comments_service.models import GroupMember, Person
from comments_service.notifications.models import Follow, Notification
from comments_service.questions.escalation import escalate
from comments_service.questions.models import Question

from service_helpers import manifest, manifest_page


@pytest.mark.plein_settings(PLEIN_DEMO=True)
def test_the_demo_history_is_seeded_once_with_colleagues_one_can_sign_in_as(app: Flask, sync: Any) -> None:
    sync(manifest(manifest_page("nieuws/verbouwing", owners=["Team Communicatie"]),
                  manifest_page("vragen/thuiswerken", owners=["Team HR"]), manifest_page("teams/it")))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["analytics", "seed-demo"])
    assert first.exit_code == 0 and first.output.startswith("Demo history:"), first.output
    again = runner.invoke(args=["analytics", "seed-demo"])
    assert again.exit_code == 0 and again.output.strip() == "The demo history is there already."
    with app.app_context():  # askers mark best answers too, so the figures show answer times to the best one
        questions = db.session().execute(select(func.count(), func.count(Question.best_answer_id))).one()
    assert questions[0] > questions[1] > 0

    hanna = app.test_client()
    login = hanna.post("/api/demo/login", json={"name": "Hanna Vos"})
    assert login.json["viewer"]["id"] == "demo:hanna-vos"
    her_page = hanna.get("/people/demo%3Ahanna-vos/")
    html = her_page.get_data(as_text=True)
    # her department and her history
    assert her_page.status_code == 200 and "Communicatie" in html and 'class="plein-tagged__page"' in html
    found = hanna.get("/api/people?q=bram").json["people"]
    assert [(colleague["name"], colleague["handle"]) for colleague in found] == [("Bram Visser", "bram-visser")]
    assert hanna.get("/api/people?q=gijs").json["people"] == []  # seeded as keeping a low profile
    overview = hanna.get("/me/").get_data(as_text=True)  # she follows a few things: her feed shows what was said
    assert 'class="plein-tagged__page"' in overview and "Nothing to see yet" not in overview
    with app.app_context():
        session = db.session()
        follows = session.scalar(select(func.count()).select_from(Follow).where(Follow.person_id == "demo:hanna-vos"))
        told = session.scalar(select(func.count()).select_from(Notification).where(
            Notification.person_id == "demo:hanna-vos", Notification.kind == "follow"))
    assert follows == 3 and told == 0  # followed now: nothing past is told again

    with app.app_context():  # the history's notifications are there, all but the last days' (UNREAD_FOR) read
        session = db.session()
        cutoff = utcnow() - UNREAD_FOR
        notified = session.execute(select(
            func.count(), func.count(Notification.read_at),
            func.count().filter(Notification.read_at.is_(None), Notification.created < cutoff),
        )).one()
        unread = dict(session.execute(
            select(Notification.person_id, func.count()).where(Notification.read_at.is_(None))
            .group_by(Notification.person_id)).all())
        counted = dict(session.execute(select(Person.id, Person.unread).where(Person.unread > 0)).all())
    assert notified[0] > notified[1] > 0 and notified[2] == 0, notified
    assert counted == unread  # each bell counts what is unread

    with app.app_context():  # the teams own pages: their members heard of comments and unanswered questions
        session = db.session()
        teams = set(session.scalars(select(GroupMember.group)))
        kinds = dict(session.execute(select(Notification.kind, func.count()).where(
            Notification.person_id == "demo:hanna-vos").group_by(Notification.kind)).all())
        escalated = session.scalar(select(func.count(Question.escalated_owner)))
        escalated_now = escalate(settings())  # the job worker's first run, at the moment the history ends
    assert teams == {"Team Communicatie", "Team IT", "Team HR", "Team Facilitair"}
    assert kinds.get("owner", 0) > 0 and kinds.get("unanswered", 0) > 0, kinds
    assert escalated > 0 and escalated_now == 0  # no bell fills with a year of questions at the first run


def test_the_demo_history_needs_demo_mode(app: Flask) -> None:
    refused = app.test_cli_runner().invoke(args=["analytics", "seed-demo"])
    assert refused.exit_code != 0 and "only with PLEIN_DEMO=1" in refused.output
