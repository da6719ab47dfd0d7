"""The job worker for real: huey's consumer in a process of its own, asked for runs by writes, killed mid-run."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import time
from collections import Counter
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from comments_service import db
from comments_service.clock import ControlledClock
from comments_service.notifications.jobs import ASK_INTERVAL, NICE, jobs, run_deliveries, worker_beside
from comments_service.notifications.models import MailState, Notification

from mail_helpers import MAIL, SmtpServer, plain_settings
from service_helpers import Member, eventually, manifest, manifest_page

pytestmark = pytest.mark.plein_settings(**MAIL)

PAGE = "werk/thuis"
WAIT_SECONDS = 60.0  # a worker starts in a few seconds, then polls its queue at least twice a second


def colleagues(sync: Any, person: Any, joost: Member, count: int) -> list[Member]:
    sync(manifest(manifest_page(PAGE)))
    people = [person(f"collega{number}") for number in range(count)]
    for member in (joost, *people):
        assert member.get("/api/me").status_code == 200
    return people


def states(app: Flask) -> Counter[str]:
    with app.app_context():
        return Counter(dict(db.session().execute(
            select(Notification.mail_state, func.count()).group_by(Notification.mail_state)
        ).all()))


def test_a_worker_killed_mid_run_sends_at_most_the_mail_in_flight_again_with_its_message_id(
    app: Flask, smtp: SmtpServer, clock: ControlledClock, sync: Any, person: Any, joost: Member,
    worker: subprocess.Popen[bytes]
) -> None:
    people = colleagues(sync, person, joost, 5)
    smtp.inbox.hold_from = 3  # the server takes the third mail, then keeps its worker waiting for the answer
    joost.comment(PAGE, " ".join(f"@{member.id}" for member in people))  # the write asks for a run

    assert smtp.inbox.held.wait(WAIT_SECONDS), "the worker sent no third mail"
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    smtp.inbox.hold_from = None
    smtp.inbox.release.set()
    in_flight = smtp.inbox.received[2].message_id
    assert states(app) == {MailState.SENT: 2, MailState.SENDING: 1, MailState.INSTANT: 2}

    clock.advance(dt.timedelta(minutes=16))  # the mail in flight is stale: its worker is gone
    assert run_deliveries(app) == 3
    sent = Counter(mail.message_id for mail in smtp.inbox.received)
    assert sent[in_flight] == 2 and len(sent) == 5 and sum(sent.values()) == 6  # only the one in flight twice
    assert sorted({mail.to[0] for mail in smtp.inbox.received}) == sorted(f"{m.id}@example.nl" for m in people)
    assert states(app) == {MailState.SENT: 5}


def test_writes_ask_for_a_run_at_most_every_half_second_and_changes_that_tell_no_one_for_none(
    app: Flask, sync: Any, person: Any, joost: Member
) -> None:
    [sanne] = colleagues(sync, person, joost, 1)
    queue = jobs(app).huey
    posted = joost.comment(PAGE, "Niemand genoemd")  # a new comment is told (its page's followers, owners)
    assert eventually(lambda: queue.pending_count() == 1)  # a run at once
    time.sleep(ASK_INTERVAL * 2.5)  # the process asks again only when a later write wants it
    assert joost.patch(f"/api/comments/{posted['id']}", {"text": "Nog steeds niemand"}).status_code == 200
    assert joost.delete(f"/api/comments/{posted['id']}").status_code == 200
    time.sleep(ASK_INTERVAL * 2.5)
    assert queue.pending_count() == 1  # an edit that mentions no one anew, a removal: nothing to tell
    started = time.monotonic()
    for number in range(10):  # a burst of writes: one run at once, then at most one an interval
        joost.comment(PAGE, f"@{sanne.id} vraag {number}")
    burst = time.monotonic() - started
    time.sleep(ASK_INTERVAL * 2.5)
    runs = queue.pending_count() - 1
    assert 1 <= runs <= 2 + burst / ASK_INTERVAL, (runs, burst)  # at once, then at most one an interval


@pytest.mark.plein_settings(**MAIL, PLEIN_JOBS_URL="redis://127.0.0.1:1/0")
def test_a_queue_that_is_down_never_breaks_or_slows_a_write(app: Flask, sync: Any, person: Any,
                                                              joost: Member) -> None:
    [sanne] = colleagues(sync, person, joost, 1)
    started = time.monotonic()
    joost.comment(PAGE, f"@{sanne.id} kijk even")
    assert time.monotonic() - started < 1.0
    assert states(app) == {MailState.INSTANT: 1}  # the minute's run will find it


def test_serve_runs_the_worker_beside_itself(
    app: Flask, smtp: SmtpServer, settings: dict[str, Any], sync: Any, person: Any, joost: Member,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in plain_settings(settings).items():  # `flask jobs` reads its settings from the environment
        monkeypatch.setenv(key, str(value))
    [sanne] = colleagues(sync, person, joost, 1)
    joost.comment(PAGE, f"@{sanne.id} kijk even")
    with worker_beside(app) as child:
        assert eventually(lambda: len(smtp.inbox.received) == 1, WAIT_SECONDS)
    assert child.returncode is not None
    assert smtp.inbox.received[0].to == ["collega0@example.nl"]


def test_the_worker_runs_its_jobs_at_a_lower_cpu_priority_than_requests(worker: subprocess.Popen[bytes]) -> None:
    """Its jobs wait well (docs/service.md): the process and the consumer's threads (a worker and the scheduler)
    run at the nice they were told."""
    own = os.getpriority(os.PRIO_PROCESS, 0)

    def at_nice() -> int:
        threads = os.listdir(f"/proc/{worker.pid}/task")
        return sum(os.getpriority(os.PRIO_PROCESS, int(thread)) - own == NICE for thread in threads)

    assert eventually(lambda: at_nice() >= 3, WAIT_SECONDS)  # it starts at its parent's, as any process does
    assert os.getpriority(os.PRIO_PROCESS, worker.pid) - own == NICE


def test_a_worker_that_may_not_lower_its_priority_runs_all_the_same(
    app: Flask, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Some sandboxes refuse setpriority: the worker says so and runs its jobs at the web workers' priority."""
    ran: list[bool] = []

    def refuse(increment: int) -> int:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "nice", refuse)
    monkeypatch.setattr(type(jobs(app).huey), "create_consumer",
                        lambda huey, **options: type("Consumer", (), {"run": lambda self: ran.append(True)})())
    result = app.test_cli_runner().invoke(args=["jobs"])
    assert result.exit_code == 0, result.output
    assert ran == [True]
    assert "could not lower the job worker's priority" in caplog.text
