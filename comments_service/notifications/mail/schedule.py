"""When digests are due: every day, and every Monday, at the configured hour of the configured time zone.

A digest carries the waiting notifications made before the latest such moment, so a worker that was down at
the hour sends one digest when it is back, never one per missed day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

WEEKLY_ON = 0
"""Monday: weekly digests start the working week."""


@dataclass(frozen=True)
class DigestMoments:
    """The latest daily and weekly digest moments at or before a time, in UTC."""

    daily: dt.datetime
    weekly: dt.datetime


def digest_moments(now: dt.datetime, hour: int, zone: ZoneInfo) -> DigestMoments:
    """The latest moments at ``hour`` o'clock in ``zone`` (any day, and a Monday) not after ``now``."""
    local = now.astimezone(zone)
    daily = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if daily > local:
        daily -= dt.timedelta(days=1)
    weekly = daily - dt.timedelta(days=(daily.weekday() - WEEKLY_ON) % 7)
    return DigestMoments(daily.astimezone(dt.UTC), weekly.astimezone(dt.UTC))
