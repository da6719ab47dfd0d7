"""The notification queue: a write only queues its comment; the job worker's run tells everyone it concerns, once,
however many runs meet (on SQLite and PostgreSQL), and the real worker does it within seconds of the write."""

from __future__ import annotations

import subprocess
import threading
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from comments_service import db
from comments_service.notifications.models import Notification, QueuedChange
from comments_service.notifications.queue import notify_queued

from service_helpers import Member, eventually, manifest, manifest_page, tell_later

PAGE = "werk/thuis"


@pytest.fixture
def later(app: Flask, sync: Any) -> Flask:
    """The app as in production: its writes queue, only runs of the job worker tell."""
    tell_later(app)
    sync(manifest(manifest_page(PAGE)))
    return app


def queued(app: Flask) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(QueuedChange))


def notifications(app: Flask) -> list[tuple[str, str, str]]:
    with app.app_context():
        return sorted(db.session().execute(select(Notification.person_id, Notification.topic, Notification.kind)).all())


def run(app: Flask) -> bool:
    with app.app_context():
        return notify_queued()


def visit(*members: Member) -> None:
    for member in members:
        assert member.get("/api/me").status_code == 200


def test_a_write_queues_its_comment_and_one_run_tells_it_once(later: Flask, sanne: Member, joost: Member) -> None:
    visit(sanne, joost)
    posted = joost.comment(PAGE, f"@{sanne.id} kijk je mee?")

    assert queued(later) == 1 and notifications(later) == []
    assert sanne.get("/api/me").json["unread"] == 0
    assert run(later) is True  # a mention: mail may be due at once
    assert notifications(later) == [(sanne.id, f"comment:{posted['id']}", "mention")]
    assert sanne.get("/api/me").json["unread"] == 1
    assert queued(later) == 0
    assert run(later) is False and len(notifications(later)) == 1  # nothing twice


def test_an_edit_before_the_run_is_told_with_the_comment_and_a_later_edit_tells_only_the_new(
    later: Flask, sanne: Member, joost: Member, person: Any
) -> None:
    lotte, piet = person("lotte", "Lotte Jansen"), person("piet", "Piet Vos")
    visit(sanne, joost, lotte, piet)
    posted = joost.comment(PAGE, f"Vraag aan @{sanne.id}")
    assert joost.patch(f"/api/comments/{posted['id']}", {"text": f"Vraag aan @{sanne.id} en @lotte"}).status_code == 200
    assert queued(later) == 2
    run(later)
    assert joost.patch(f"/api/comments/{posted['id']}", {"text": "Vraag aan @lotte, @piet en @sanne"}).status_code == 200
    run(later)

    topic = f"comment:{posted['id']}"
    assert notifications(later) == [("lotte", topic, "mention"), ("piet", topic, "mention"), (sanne.id, topic, "mention")]
    assert [m.get("/api/me").json["unread"] for m in (sanne, lotte, piet)] == [1, 1, 1]


def test_a_comment_hidden_before_the_run_tells_no_one(later: Flask, sanne: Member, joost: Member,
                                                      moderator: Member) -> None:
    visit(sanne, joost)
    posted = joost.comment(PAGE, f"@{sanne.id} iets dat weg moet")
    assert moderator.post(f"/api/comments/{posted['id']}/hide").status_code == 200
    run(later)
    assert notifications(later) == [] and queued(later) == 0


def test_runs_that_meet_tell_every_comment_once(later: Flask, person: Any, joost: Member) -> None:
    readers = [person(f"lezer{number}") for number in range(3)]
    visit(joost, *readers)
    for number in range(120):  # more than a batch of the smaller size below
        joost.comment(PAGE, f"@{readers[number % 3].id} bericht {number}")

    errors: list[BaseException] = []

    def drain() -> None:
        try:
            with later.app_context():
                notify_queued(limit=25)  # small batches: the runs take turns many times
        except BaseException as error:  # pragma: no cover - shown by the assertion below
            errors.append(error)

    runners = [threading.Thread(target=drain) for _ in range(3)]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join(timeout=60)
    assert not errors and not any(runner.is_alive() for runner in runners)
    assert queued(later) == 0
    told = notifications(later)
    assert len(told) == 120 and len(set(told)) == 120
    assert [reader.get("/api/me").json["unread"] for reader in readers] == [40, 40, 40]


def queue_ids(app: Flask) -> list[int]:
    with app.app_context():
        return list(db.session().scalars(select(QueuedChange.id).order_by(QueuedChange.id)))


def test_an_id_the_queue_gave_is_never_given_again(later: Flask, sanne: Member, joost: Member) -> None:
    """A run takes a batch by deleting the ids it read, so an id must name one change for good: on SQLite a row
    took the highest id plus one, and once a run had emptied the queue, the next write's row got an id just
    taken, which a second run, holding the first row as it read it, then took and told as the old comment."""
    visit(sanne, joost)
    joost.comment(PAGE, f"@{sanne.id} eerste")
    [first] = queue_ids(later)
    run(later)
    assert queue_ids(later) == []
    joost.comment(PAGE, f"@{sanne.id} tweede")
    [second] = queue_ids(later)
    assert second > first


def test_the_job_worker_tells_a_mention_after_the_write_asks(
    later: Flask, sanne: Member, joost: Member, worker: subprocess.Popen[bytes]
) -> None:
    visit(sanne, joost)
    joost.comment(PAGE, f"@{sanne.id} kijk je mee?")  # the write asks the worker for a run
    assert eventually(lambda: sanne.get("/api/me").json["unread"] == 1, 60.0)
    assert queued(later) == 0
