"""``/api/health`` tells a monitor whether the database answers, a job worker takes the notification queue and a
search writer the search queue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from comments_service import create_app, db
from comments_service.clock import ControlledClock
from comments_service.models import SearchQueue
from comments_service.notifications.queue import notify_queued

from service_helpers import Member, close_app, eventually, manifest, manifest_page, tell_later

PAGE = "werk/thuis"
IDLE = {"ok": True, "waiting": 0, "oldest_seconds": 0.0, "late_after_seconds": 60.0}


def drain_search(app: Flask) -> None:
    """Index every queued comment, as a search writer's drain does (it may have to wait for the app's own)."""
    backend = app.extensions["plein_search"]

    def drained() -> bool:
        backend.drain()
        with app.app_context():
            return db.session().scalar(select(func.count(SearchQueue.id))) == 0

    assert eventually(drained, seconds=10.0)


def test_healthy_when_the_queue_is_told_in_time_and_failing_when_no_worker_takes_it(
    app: Flask, client: Any, clock: ControlledClock, sync: Any, sanne: Member, joost: Member
) -> None:
    tell_later(app)  # as in production: only a job worker tells the queue
    sync(manifest(manifest_page(PAGE)))
    answer = client.get("/api/health")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    assert answer.json == {"status": "ok", "checks": {
        "database": {"ok": True}, "notification_queue": IDLE, "search_queue": IDLE}}

    assert joost.get("/api/me").status_code == 200  # known from a visit, so the mention notifies him
    sanne.comment(PAGE, "@joost kijk je mee?")
    clock.advance(dt.timedelta(seconds=30))
    sanne.comment(PAGE, "Nog een")
    drain_search(app)  # this test is about the job worker
    clock.advance(dt.timedelta(seconds=20))  # the clock also runs on as the machine's does: ages are at least
    queue = client.get("/api/health").json["checks"]["notification_queue"]
    assert queue["ok"] is True and queue["waiting"] == 2 and 50.0 <= queue["oldest_seconds"] < 60.0

    clock.advance(dt.timedelta(seconds=15))  # over a minute: no worker runs
    late = client.get("/api/health")
    assert late.status_code == 503 and late.json["status"] == "failing"
    assert late.json["checks"]["notification_queue"]["ok"] is False
    assert late.json["checks"]["notification_queue"]["oldest_seconds"] >= 65.0

    with app.app_context():
        notify_queued()  # what a worker that starts again does first
    assert client.get("/api/health").status_code == 200
    assert joost.get("/api/me").json["unread"] == 1


@pytest.mark.plein_settings(PLEIN_SEARCH_INDEXER="external")
def test_failing_when_no_search_writer_drains_the_search_queue(
    app: Flask, client: Any, clock: ControlledClock, sync: Any, sanne: Member, moderator: Member
) -> None:
    """The service leaves the index to `flask search-indexer` here, which does not run until the end."""
    sync(manifest(manifest_page(PAGE)))
    old = sanne.comment(PAGE, "Een reactie van lang geleden")
    drain_search(app)
    clock.advance(dt.timedelta(hours=2))
    assert moderator.post(f"/api/comments/{old['id']}/hide").status_code == 200
    sanne.comment(PAGE, "Een nieuwe")
    clock.advance(dt.timedelta(seconds=20))
    waiting = client.get("/api/health")  # ages from the queueing: the hidden comment is two hours old
    assert waiting.status_code == 200
    search = waiting.json["checks"]["search_queue"]
    assert search["ok"] is True and search["waiting"] == 2 and 20.0 <= search["oldest_seconds"] < 60.0

    clock.advance(dt.timedelta(seconds=45))
    late = client.get("/api/health")
    assert late.status_code == 503 and late.json["status"] == "failing"
    assert late.json["checks"]["notification_queue"] == IDLE  # the job worker is not the one missing
    assert late.json["checks"]["search_queue"]["ok"] is False
    assert late.json["checks"]["search_queue"]["oldest_seconds"] >= 65.0

    drain_search(app)  # the indexer is back
    assert client.get("/api/health").json == {"status": "ok", "checks": {
        "database": {"ok": True}, "notification_queue": IDLE, "search_queue": IDLE}}


def test_failing_when_the_database_cannot_be_read(tmp_path: Path, settings: dict[str, Any]) -> None:
    folder = tmp_path / "database"
    folder.mkdir()
    app = create_app({**settings, "PLEIN_DATABASE_URL": f"sqlite:///{folder / 'plein.sqlite3'}"})
    try:
        client = app.test_client()
        assert client.get("/api/health").status_code == 200
        with app.app_context():
            db.engine().dispose()  # connections already open would go on reading the moved file
        folder.rename(tmp_path / "elsewhere")  # the volume is gone (at once: the app's threads may be reading)
        answer = client.get("/api/health")
        assert answer.status_code == 503
        assert answer.json == {"status": "failing", "checks": {"database": {"ok": False, "error": "OperationalError"}}}
    finally:
        close_app(app)
