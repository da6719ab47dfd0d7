"""Working-time arithmetic: a question waits "one working day", so weekends and public holidays do not count.

Saturdays, Sundays and the public holidays of the configured country (``PLEIN_HOLIDAYS``, from the ``holidays``
library; ``none``: no public holidays) and the organisation's own days off (``PLEIN_DAYS_OFF``), as the calendar
of the given time zone has them, are skipped whole; every other hour counts, so a question asked on Friday at
15:00 has waited one working day on Monday at 15:00, and one asked on Thursday 24 December at 15:00 in the
Netherlands on Monday the 28th at 15:00.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Container
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import holidays

SATURDAY = 5
DAY = dt.timedelta(days=1)


@functools.cache
def public_holidays(country: str) -> Container[dt.date]:
    """The public holidays of ``country`` (an ISO 3166 code the ``holidays`` library knows; ``""``: none), for
    any year asked about. Raises ``NotImplementedError`` for a country the library does not know."""
    return holidays.country_holidays(country) if country else frozenset()


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are worked in one time zone: Monday to Friday, but for public holidays."""

    zone: ZoneInfo
    country: str = ""
    days_off: frozenset[dt.date] = frozenset()  # the organisation's own, besides the public holidays

    def is_working_day(self, day: dt.date) -> bool:
        """Monday to Friday, no public holiday and none of the organisation's days off."""
        return day.weekday() < SATURDAY and day not in public_holidays(self.country) and day not in self.days_off

    def first_working_day(self, month: dt.date) -> dt.date:
        """The first working day of ``month``'s month (on or after its first day)."""
        day = month.replace(day=1)
        while not self.is_working_day(day):
            day += DAY
        return day

    def add_working_time(self, start: dt.datetime, working: dt.timedelta) -> dt.datetime:
        """The moment ``working`` time after ``start`` when days off do not count (aware, UTC).

        Wall-clock arithmetic in the zone, then back to UTC: a day is a day across a DST change."""
        local = start.astimezone(self.zone).replace(tzinfo=None)
        left = working
        while True:
            midnight = dt.datetime.combine(local.date() + DAY, dt.time())
            if self.is_working_day(local.date()):
                if local + left <= midnight:
                    return (local + left).replace(tzinfo=self.zone).astimezone(dt.UTC)
                left -= midnight - local
            local = midnight
