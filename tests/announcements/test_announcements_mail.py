"""An announcement asking for mail is mailed once to everyone the service knows, in each person's language,
through the job worker's run; people who turned announcement mail off get none unless it is required."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from comments_service.announcements.mailing import mail_announcements
from tests.announcements.announcement_helpers import site
from service_helpers import Member
from mail_helpers import MAIL, SmtpServer

pytestmark = pytest.mark.plein_settings(**MAIL)


def run_job(app: Flask) -> None:
    """The worker's minute job, as huey runs it (in the app's context)."""
    with app.app_context():
        mail_announcements(app)


@pytest.fixture
def readers(person: Any) -> dict[str, Member]:
    """Sanne (the site's language), Joost (English mail), Lotte (no mail about announcements)."""
    people = {name: person(name) for name in ("sanne", "joost", "lotte")}
    people["sanne"].get("/api/me")
    people["joost"].patch("/api/me/profile", {"language": "en"})
    answer = people["lotte"].write("PUT", "/api/notifications/preferences", {"announcement": "never"})
    assert answer.status_code == 200, answer.json
    return people


@pytest.mark.parametrize("required", [False, True])
def test_mailed_once_to_everyone_in_their_language(app: Flask, sync: Any, smtp: SmtpServer,
                                                   readers: dict[str, Member], required: bool) -> None:
    sync(site(announcement={"from": None, "until": None, "required": required, "mail": True}))
    run_job(app)
    inbox = smtp.inbox
    expected = {"sanne@example.nl", "joost@example.nl"} | ({"lotte@example.nl"} if required else set())
    assert {address for mail in inbox.received for address in mail.to} == expected
    assert len(inbox.received) == len(expected)
    dutch, english = inbox.to("sanne@example.nl")[0], inbox.to("joost@example.nl")[0]
    prefix = ("Verplichte aankondiging" if required else "Aankondiging", "Required announcement" if required
              else "Announcement")
    assert dutch.message["Subject"] == f"{prefix[0]}: We verhuizen"
    assert english.message["Subject"] == f"{prefix[1]}: We verhuizen"
    assert "http://intranet.test/nieuws/verhuizing/" in dutch.part("plain")
    assert ("List-Unsubscribe" in english.message) is not required

    run_job(app)  # never twice: not by a second run,
    sync(site(announcement={"from": None, "until": "2027-02-01", "required": required, "mail": True}))
    run_job(app)  # nor by a change of the announcement
    assert len(inbox.received) == len(expected)


def test_a_posted_announcement_is_queued_at_once_and_the_reach_counts_the_mails(
        app: Flask, sync: Any, smtp: SmtpServer, readers: dict[str, Member], person: Any) -> None:
    sync(site(announcement=None))
    carla = person("carla", "Carla", ["communicatie"])
    posted = carla.post("/api/announcements", {"title": "Storing e-mail", "mail": True}).json["announcement"]
    reach = carla.get(f"/api/announcements/{posted['id']}/reach").json["reach"]
    assert (reach["mailed"], reach["mail_waiting"]) == (0, 3)  # sanne, joost, carla; lotte chose never
    run_job(app)
    reach = carla.get(f"/api/announcements/{posted['id']}/reach").json["reach"]
    assert (reach["mailed"], reach["mail_waiting"]) == (3, 0)
    assert "http://intranet.test/announcements/" in smtp.inbox.to("sanne@example.nl")[0].part("plain")


def test_mail_waits_while_the_server_is_down_and_goes_once_when_it_is_back(
        app: Flask, sync: Any, smtp: SmtpServer, readers: dict[str, Member]) -> None:
    smtp.stop()
    sync(site(announcement={"from": None, "until": None, "required": False, "mail": True}))
    run_job(app)
    smtp.start()
    run_job(app)
    run_job(app)
    assert sorted(address for mail in smtp.inbox.received for address in mail.to) == [
        "joost@example.nl", "sanne@example.nl"]


def test_no_mail_goes_once_the_editor_takes_mail_off_or_ends_it(app: Flask, sync: Any, smtp: SmtpServer,
                                                                readers: dict[str, Member]) -> None:
    sync(site(announcement={"from": None, "until": None, "required": False, "mail": True}))  # queued
    sync(site(announcement={"from": None, "until": None, "required": False, "mail": False}))
    run_job(app)
    sync(site(announcement={"from": None, "until": None, "required": False, "mail": True}))  # queued once only
    sync(site(announcement=None))  # and ended
    run_job(app)
    assert smtp.inbox.received == []
