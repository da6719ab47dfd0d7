"""Helpers of the analytics tests: moments in Amsterdam, the app's tally flushed, figures read in the app."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask

from comments_service import db
from comments_service.analytics import counting
from comments_service.clock import ControlledClock

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ROLES = {"PLEIN_COMMUNICATION_GROUPS": "communicatie", "PLEIN_MANAGEMENT_GROUPS": "directie"}
"""Settings giving the figures' roles to two groups."""


def local(clock: ControlledClock, text: str) -> None:
    """Set the clock to a local Amsterdam time, ``2027-01-31 23:30``."""
    clock.set(dt.datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM))


def flush(app: Flask) -> None:
    """Write the tallies now (as the flushing thread does every few seconds)."""
    with app.app_context():
        counting.tally(app).flush()


def in_app(app: Flask, work: Any) -> Any:
    """``work(session)`` in the app's context."""
    with app.app_context():
        return work(db.session())
