"""Who gets which mail, when, in which language, over a real SMTP server; SMTP down and back; two workers."""

from __future__ import annotations

import datetime as dt
import re
import threading
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from comments_service import db
from comments_service.clock import ControlledClock
from comments_service.notifications.jobs import run_deliveries
from comments_service.notifications.models import MailState, Notification

from mail_helpers import MAIL, SMTP_PORT, SmtpServer
from service_helpers import CLOCK_START, Member, manifest, manifest_page

pytestmark = pytest.mark.plein_settings(**MAIL)

PAGE = "werk/thuis"
TUESDAY_DIGEST = dt.datetime(2027, 1, 5, 6, 1, tzinfo=dt.UTC)  # 07:01 in Amsterdam, the day after CLOCK_START
NEXT_MONDAY_DIGEST = dt.datetime(2027, 1, 11, 6, 1, tzinfo=dt.UTC)


def visit(*members: Member) -> None:
    """The service knows people (and when they were last there) from their visits."""
    for member in members:
        assert member.get("/api/me").status_code == 200


def prefer(member: Member, **choices: str) -> None:
    assert member.write("PUT", "/api/notifications/preferences", choices).status_code == 200


def rows(app: Flask, person_id: str) -> list[Notification]:
    with app.app_context():
        return list(db.session().scalars(select(Notification).where(Notification.person_id == person_id)
                                         .order_by(Notification.id)))


@pytest.fixture
def page(sync: Any) -> str:
    sync(manifest(manifest_page(PAGE, title="Thuiswerken")))
    return PAGE


def test_a_mention_mails_the_person_once_in_dutch_with_both_parts_a_link_and_one_click_unsubscribe(
    app: Flask, smtp: SmtpServer, page: str, sanne: Member, joost: Member, person: Any
) -> None:
    nobody = person("nomail")
    nobody.email = None  # the proxy sends no address for this person
    visit(sanne, joost, nobody)
    posted = joost.comment(page, "@sanne en @nomail: lees dit even, over de **vpn**")

    assert run_deliveries(app) == 1
    assert run_deliveries(app) == 0  # nothing twice
    [mail] = smtp.inbox.received
    assert mail.to == ["sanne@example.nl"]  # not the writer, not the person without an address
    message = mail.message
    assert message["Subject"] == "Joost Bakker noemde je bij “Thuiswerken”"
    assert message["From"] == "Plein <plein@intranet.test>" and message["Content-Language"] == "nl"
    assert message.get_content_type() == "multipart/alternative"
    link = f"http://intranet.test/werk/thuis/#comment-{posted['id']}"
    plain, html = mail.part("plain"), mail.part("html")
    assert link in plain and f'href="{link}"' in html
    assert "@Sanne de Vries en @Nomail: lees dit even, over de vpn" in plain and "Bekijk de reactie" in html
    assert "**" not in plain + html  # the comment as readers see it, not its Markdown
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(r"<(http://intranet\.test/api/unsubscribe/[\w.-]+)>", message["List-Unsubscribe"])
    assert unsubscribe and unsubscribe.group(1) in plain and unsubscribe.group(1) in html
    [row] = rows(app, "sanne")
    assert (row.mail_state, row.message_id) == (MailState.SENT, mail.message_id)
    assert mail.message_id.startswith("<plein.instant.") and mail.message_id.endswith("@intranet.test>")
    assert [row.mail_state for row in rows(app, "nomail")] == [MailState.NONE]


def test_a_mail_does_not_name_a_colleague_keeping_a_low_profile(
    app: Flask, smtp: SmtpServer, page: str, sanne: Member, joost: Member
) -> None:
    visit(sanne, joost)
    assert joost.patch("/api/me/profile", {"low_profile": True}).status_code == 200
    joost.comment(page, "@sanne kijk je mee?")
    assert run_deliveries(app) == 1
    [mail] = smtp.inbox.received
    assert mail.message["Subject"] == "Iemand noemde je bij “Thuiswerken”"
    assert "Joost" not in mail.part("plain") + mail.part("html")


def test_a_person_who_chose_english_gets_english(app: Flask, smtp: SmtpServer, page: str, sanne: Member,
                                                  joost: Member) -> None:
    visit(sanne, joost)
    assert sanne.patch("/api/me/profile", {"language": "en"}).status_code == 200
    first = sanne.comment(page, "Weet iemand hoe de vpn werkt?")
    joost.comment(page, "Via de portal.", parent_id=first["id"])

    run_deliveries(app)
    [mail] = smtp.inbox.received
    assert mail.message["Subject"] == "Joost Bakker replied to your comment on “Thuiswerken”"
    assert mail.message["Content-Language"] == "en"
    assert "See the comment" in mail.part("html") and "No more mail about replies to you" in mail.part("plain")


def test_mail_at_once_is_gathered_into_at_most_one_mail_per_ten_minutes(
    app: Flask, smtp: SmtpServer, clock: ControlledClock, page: str, sanne: Member, joost: Member
) -> None:
    visit(sanne, joost)
    joost.comment(page, "@sanne eerste vraag")
    run_deliveries(app)
    joost.comment(page, "@sanne tweede vraag")
    clock.advance(dt.timedelta(minutes=4))
    joost.comment(page, "@sanne derde vraag")
    assert run_deliveries(app) == 0  # within ten minutes of the first mail: they wait
    clock.advance(dt.timedelta(minutes=6, seconds=1))
    assert run_deliveries(app) == 1

    first, gathered = smtp.inbox.to("sanne@example.nl")
    assert gathered.message["Subject"] == "2 nieuwe meldingen op Plein"
    plain = gathered.part("plain")
    assert plain.index("derde vraag") < plain.index("tweede vraag")  # newest first
    assert "eerste" not in plain
    second, third = rows(app, "sanne")[1:]
    assert second.message_id == third.message_id == gathered.message_id != first.message_id


def test_each_new_notification_is_stored_with_the_mail_its_person_asks_for(
    app: Flask, page: str, sanne: Member, joost: Member, person: Any
) -> None:
    lotte, daan, nomail = person("lotte"), person("daan"), person("nomail")
    nomail.email = None
    visit(sanne, joost, lotte, daan, nomail)
    prefer(lotte, mention="daily")
    prefer(daan, mention="never", reply="weekly")
    posted = joost.comment(page, "@sanne @lotte @daan @nomail: wie kijkt mee?")
    daan.comment(page, "Ik", posted["id"])  # joost hears of the reply at once, by default
    sanne.post(f"/api/comments/{posted['id']}/reactions", {"emoji": "🎉"})  # reactions are never mailed

    def states(person_id: str) -> list[tuple[str, MailState]]:
        return [(row.kind, MailState(row.mail_state)) for row in rows(app, person_id)]

    assert states("sanne") == [("mention", MailState.INSTANT)]
    assert states("lotte") == [("mention", MailState.DIGEST)]
    assert states("daan") == [("mention", MailState.NONE)]
    assert states("nomail") == [("mention", MailState.NONE)]
    assert states("joost") == [("reply", MailState.INSTANT), ("reaction", MailState.NONE)]


def test_a_run_a_write_asks_for_mails_at_once_only_and_the_minutes_run_the_rest(
    app: Flask, smtp: SmtpServer, clock: ControlledClock, page: str, sanne: Member, joost: Member, person: Any
) -> None:
    lotte = person("lotte", "Lotte Jansen")
    visit(sanne, joost, lotte)
    prefer(lotte, mention="daily")
    joost.comment(page, "@sanne en @lotte, wat vinden jullie?")
    prefer(lotte, mention="instant")  # her row waits as a digest's; she wants it at once now
    clock.set(TUESDAY_DIGEST)

    assert run_deliveries(app, at_once_only=True) == 1  # sanne's: stored as mail at once
    assert [mail.to for mail in smtp.inbox.received] == [["sanne@example.nl"]]
    assert run_deliveries(app) == 1  # the minute's run reads every waiting row
    assert smtp.inbox.received[1].to == ["lotte@example.nl"]


def test_a_run_a_write_asks_for_drops_what_a_due_person_read_and_leaves_the_rest_to_the_minutes_run(
    app: Flask, smtp: SmtpServer, clock: ControlledClock, page: str, sanne: Member, joost: Member, person: Any
) -> None:
    lotte = person("lotte", "Lotte Jansen")
    visit(sanne, joost, lotte)
    joost.comment(page, "@sanne eerste vraag")
    assert run_deliveries(app, at_once_only=True) == 1
    joost.comment(page, "@sanne @lotte tweede vraag")
    read = rows(app, "sanne")[1]
    assert sanne.post(f"/api/notifications/{read.id}/read").status_code == 200
    prefer(lotte, mention="never")  # her row waits as mail at once; she wants no mail now
    clock.advance(dt.timedelta(minutes=10, seconds=1))

    assert run_deliveries(app, at_once_only=True) == 0  # sanne is due, but read it in the page meanwhile
    assert [row.mail_state for row in rows(app, "sanne")] == [MailState.SENT, MailState.NONE]
    assert [row.mail_state for row in rows(app, "lotte")] == [MailState.INSTANT]  # nobody due: not looked at
    assert run_deliveries(app) == 0
    assert [row.mail_state for row in rows(app, "lotte")] == [MailState.NONE]  # the minute's run sweeps
    assert len(smtp.inbox.received) == 1


def test_a_daily_digest_brings_what_was_not_seen_and_nothing_to_who_visited_since(
    app: Flask, smtp: SmtpServer, clock: ControlledClock, page: str, sanne: Member, joost: Member, person: Any
) -> None:
    lotte = person("lotte", "Lotte Jansen")
    visit(sanne, joost, lotte)
    prefer(sanne, mention="daily")
    prefer(lotte, mention="daily")
    joost.comment(page, "@sanne en @lotte, wat vinden jullie?")
    assert run_deliveries(app) == 0  # a digest waits for its hour
    clock.set(CLOCK_START + dt.timedelta(hours=3))
    visit(lotte)  # she came by after the mention: she has seen it
    clock.set(TUESDAY_DIGEST - dt.timedelta(minutes=2))
    assert run_deliveries(app) == 0

    clock.set(TUESDAY_DIGEST)
    assert run_deliveries(app) == 1
    assert run_deliveries(app) == 0
    [mail] = smtp.inbox.received
    assert mail.to == ["sanne@example.nl"]
    assert mail.message["Subject"] == "Wat je gemist hebt op Plein: 1 meldingen"
    assert "Dit heb je gemist" in mail.part("plain") and mail.message_id.startswith("<plein.digest.")
    assert [row.mail_state for row in rows(app, "lotte")] == [MailState.NONE]


def test_a_weekly_digest_waits_for_monday_and_a_read_notification_is_not_mailed(
    app: Flask, smtp: SmtpServer, clock: ControlledClock, page: str, sanne: Member, joost: Member
) -> None:
    visit(sanne, joost)
    prefer(sanne, mention="weekly", reply="weekly")
    first = sanne.comment(page, "Wie kent de vpn?")
    joost.comment(page, "Ik, @sanne")
    joost.comment(page, "Via de portal", parent_id=first["id"])
    [read, _] = rows(app, "sanne")
    assert sanne.post(f"/api/notifications/{read.id}/read").status_code == 200
    clock.set(TUESDAY_DIGEST)
    assert run_deliveries(app) == 0

    clock.set(NEXT_MONDAY_DIGEST)
    assert run_deliveries(app) == 1
    [mail] = smtp.inbox.received
    assert "Via de portal" in mail.part("plain") and "Ik, @sanne" not in mail.part("plain")
    assert [row.mail_state for row in rows(app, "sanne")] == [MailState.NONE, MailState.SENT]


def test_smtp_down_mail_waits_and_goes_out_once_when_it_is_back(
    app: Flask, clock: ControlledClock, page: str, sanne: Member, joost: Member, person: Any
) -> None:
    lotte = person("lotte", "Lotte Jansen")
    visit(sanne, joost, lotte)
    joost.comment(page, "@sanne en @lotte: overleg om tien uur")
    assert run_deliveries(app) == 0  # nothing listens on the port
    assert joost.get(f"/api/pages/{page}/thread").status_code == 200  # the service keeps answering
    assert {row.mail_state for row in rows(app, "sanne") + rows(app, "lotte")} == {MailState.INSTANT}

    server = SmtpServer(SMTP_PORT)
    server.start()
    try:
        assert run_deliveries(app) == 2  # at once: a failed try did not start the ten minutes
        assert run_deliveries(app) == 0
    finally:
        server.stop()
    assert sorted(mail.to[0] for mail in server.inbox.received) == ["lotte@example.nl", "sanne@example.nl"]


def test_a_refused_address_is_given_up_and_a_busy_server_is_tried_again(
    app: Flask, smtp: SmtpServer, clock: ControlledClock, page: str, sanne: Member, joost: Member, person: Any
) -> None:
    lotte = person("lotte", "Lotte Jansen")
    visit(sanne, joost, lotte)
    smtp.inbox.refuse = {"sanne@example.nl": "550 No such user", "lotte@example.nl": "451 Try again later"}
    joost.comment(page, "@sanne en @lotte: overleg")
    run_deliveries(app)
    assert smtp.inbox.received == []
    assert [row.mail_state for row in rows(app, "sanne")] == [MailState.NONE]
    assert [row.mail_state for row in rows(app, "lotte")] == [MailState.INSTANT]

    smtp.inbox.refuse = {}
    clock.advance(dt.timedelta(minutes=1))
    assert run_deliveries(app) == 1
    assert [mail.to for mail in smtp.inbox.received] == [["lotte@example.nl"]]


def test_two_workers_at_once_send_each_mail_exactly_once(
    app: Flask, smtp: SmtpServer, page: str, joost: Member, person: Any
) -> None:
    people = [person(f"collega{number}") for number in range(12)]
    visit(joost, *people)
    joost.comment(page, " ".join(f"@{member.id}" for member in people))
    start = threading.Barrier(2)
    sent: list[int] = []

    def worker() -> None:
        start.wait(timeout=10)
        sent.append(run_deliveries(app))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(sent) == 12
    assert sorted(mail.to[0] for mail in smtp.inbox.received) == sorted(f"{m.id}@example.nl" for m in people)
