"""Working-time arithmetic: a question waits "one working day", so a weekend does not count.

Time on Saturdays and Sundays (as the calendar of the given time zone has them) is skipped; every other hour
counts, so a question asked on Friday at 15:00 has waited one working day on Monday at 15:00.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SATURDAY = 5


def _next_monday(local: dt.datetime) -> dt.datetime:
    """The start of the Monday after the weekend ``local`` lies in."""
    days = 7 - local.weekday()
    return (local + dt.timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)


def add_working_time(start: dt.datetime, working: dt.timedelta, zone: ZoneInfo) -> dt.datetime:
    """The moment ``working`` time after ``start`` when weekends do not count (aware, UTC)."""
    local = start.astimezone(zone)
    left = working
    while True:
        if local.weekday() >= SATURDAY:
            local = _next_monday(local)
        week_end = _next_monday(local) - dt.timedelta(days=2)  # Saturday 00:00
        # Wall-clock arithmetic in the zone, then back to UTC: a day is a day across a DST change.
        if local.replace(tzinfo=None) + left <= week_end.replace(tzinfo=None):
            return (local.replace(tzinfo=None) + left).replace(tzinfo=zone).astimezone(dt.UTC)
        left -= week_end.replace(tzinfo=None) - local.replace(tzinfo=None)
        local = week_end

