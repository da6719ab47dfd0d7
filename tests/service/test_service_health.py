"""``/api/health`` tells a monitor whether the database answers and a job worker takes the notification queue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from flask import Flask

from comments_service import create_app, db
from comments_service.clock import ControlledClock
from comments_service.notifications.queue import notify_queued

from service_helpers import Member, close_app, manifest, manifest_page, tell_later

PAGE = "werk/thuis"


def test_healthy_when_the_queue_is_told_in_time_and_failing_when_no_worker_takes_it(
    app: Flask, client: Any, clock: ControlledClock, sync: Any, sanne: Member, joost: Member
) -> None:
    tell_later(app)  # as in production: only a job worker tells the queue
    sync(manifest(manifest_page(PAGE)))
    answer = client.get("/api/health")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    assert answer.json == {"status": "ok", "checks": {
        "database": {"ok": True},
        "notification_queue": {"ok": True, "waiting": 0, "oldest_seconds": 0.0, "late_after_seconds": 60.0}}}

    assert joost.get("/api/me").status_code == 200  # known from a visit, so the mention notifies him
    sanne.comment(PAGE, "@joost kijk je mee?")
    clock.advance(dt.timedelta(seconds=30))
    sanne.comment(PAGE, "Nog een")
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
