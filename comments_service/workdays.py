"""Working-time arithmetic: a question waits "one working day", so weekends and public holidays do not count.

Saturdays, Sundays and the public holidays of the configured country (``PLEIN_HOLIDAYS``, from the ``holidays``
library; ``none``: no public holidays) and the organisation's own days off (``PLEIN_DAYS_OFF``), as the calendar
of the given time zone has them, are skipped whole; every other hour counts, so a question asked on Friday at
15:00 has waited one working day on Monday at 15:00, and one asked on Thursday 24 December at 15:00 in the
Netherlands on Monday the 28th at 15:00. A public holiday the organisation works all the same
(``PLEIN_HOLIDAYS_WORKED``: Good Friday, for most Dutch employers) counts as a working day.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import holidays

from .config_values import ConfigError, list_setting, text_setting

SATURDAY = 5
DAY = dt.timedelta(days=1)
NONE = dt.timedelta()
NAMES_IN = "en_US"
"""The language holidays are named in here; ``PLEIN_HOLIDAYS_WORKED`` may also use the country's own."""
_NAMED_YEARS = range(2000, 2101)  # the years searched for every name a country's holidays have
_NO_HOLIDAYS: Mapping[dt.date, str] = {}


@functools.cache
def public_holidays(country: str) -> Mapping[dt.date, str]:
    """The public holidays of ``country`` (an ISO 3166 code the ``holidays`` library knows; ``""``: none) for any
    year asked about: date -> English name (several joined by ``"; "``). Raises ``NotImplementedError`` for a
    country the library does not know."""
    return holidays.country_holidays(country, language=NAMES_IN) if country else _NO_HOLIDAYS


@functools.cache
def holiday_names(country: str) -> Mapping[str, str]:
    """Every name of ``country``'s public holidays, in English and in the country's own language, casefolded ->
    the English name (``"goede vrijdag"`` and ``"good friday"`` -> ``"Good Friday"``)."""
    english = holidays.country_holidays(country, language=NAMES_IN, years=_NAMED_YEARS)
    own_language = holidays.country_holidays(country).default_language
    own = holidays.country_holidays(country, language=own_language, years=_NAMED_YEARS)
    names: dict[str, str] = {}
    for day, name in english.items():
        for english_name, own_name in zip(name.split("; "), own[day].split("; "), strict=False):
            names[english_name.casefold()] = names[own_name.casefold()] = english_name
    return names


@dataclass(frozen=True)
class WorkedHolidays:
    """Public holidays the organisation works all the same: by English name (every year) or by date (once)."""

    names: frozenset[str] = frozenset()
    dates: frozenset[dt.date] = frozenset()

    def cover(self, day: dt.date, name: str) -> bool:
        """Whether ``day``, the public holiday(s) ``name``, is worked: by its date, or every holiday on it by name."""
        return day in self.dates or all(part in self.names for part in name.split("; "))


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are worked in one time zone: Monday to Friday, but for public holidays and days off."""

    zone: ZoneInfo
    country: str = ""
    days_off: frozenset[dt.date] = frozenset()  # the organisation's own, besides the public holidays
    worked: WorkedHolidays = WorkedHolidays()
    _answers: dict[dt.date, bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    def is_working_day(self, day: dt.date) -> bool:
        """Monday to Friday, none of the organisation's days off, and no public holiday it does not work."""
        answer = self._answers.get(day)
        if answer is None:
            answer = day.weekday() < SATURDAY and day not in self.days_off
            if answer:
                holiday = public_holidays(self.country).get(day)
                answer = holiday is None or self.worked.cover(day, holiday)
            self._answers[day] = answer
        return answer

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

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """The working time from ``start`` to ``end`` (aware): the wall-clock time in the zone that lies on working
        days; ``add_working_time``'s inverse, so a question's answer time counts as its escalation does.

        Read often (a year's figures count some 20,000 answers): aware times in one zone subtract as wall-clock
        times, and whole days in between count a day each."""
        local, stop = start.astimezone(self.zone), end.astimezone(self.zone)
        if stop <= local:
            return NONE
        first, last = local.date(), stop.date()
        if first == last:
            return stop - local if self.is_working_day(first) else NONE
        worked = NONE
        if self.is_working_day(first):
            worked += dt.datetime.combine(first + DAY, dt.time(), self.zone) - local
        day = first + DAY
        while day < last:
            if self.is_working_day(day):
                worked += DAY
            day += DAY
        if self.is_working_day(last):
            worked += stop - dt.datetime.combine(last, dt.time(), self.zone)
        return worked


def working_calendar_setting(values: Mapping[str, object], zone: ZoneInfo) -> WorkingCalendar:
    """The calendar of ``PLEIN_HOLIDAYS``, ``PLEIN_DAYS_OFF`` and ``PLEIN_HOLIDAYS_WORKED`` in ``zone``."""
    country = _country(values)
    return WorkingCalendar(zone, country, _days_off(values), _worked(values, country))


def _country(values: Mapping[str, object]) -> str:
    """`PLEIN_HOLIDAYS`: a country the ``holidays`` library knows (upper case), or ``""`` for ``none``."""
    country = (text_setting(values, "PLEIN_HOLIDAYS", "NL") or "NL").upper()
    if country == "NONE":
        return ""
    try:
        public_holidays(country)
    except NotImplementedError:
        raise ConfigError(f"PLEIN_HOLIDAYS: no public holidays are known for {country!r}; give a country code such "
                          "as NL, BE or DE, or none for weekends only") from None
    return country


def _days_off(values: Mapping[str, object]) -> frozenset[dt.date]:
    """`PLEIN_DAYS_OFF`: ISO dates (``2027-05-07``), separated by commas or spaces."""
    try:
        return frozenset(dt.date.fromisoformat(item) for item in list_setting(values, "PLEIN_DAYS_OFF"))
    except ValueError as error:
        raise ConfigError(f"PLEIN_DAYS_OFF: {error}; give dates as 2027-05-07, separated by commas") from None


def _worked(values: Mapping[str, object], country: str) -> WorkedHolidays:
    """`PLEIN_HOLIDAYS_WORKED`: holiday names (English or the country's language, any case) or ISO dates,
    separated by commas (a name may hold spaces)."""
    value = values.get("PLEIN_HOLIDAYS_WORKED") or ()
    listed = value.split(",") if isinstance(value, str) else value if isinstance(value, Iterable) else [value]
    items = [str(item).strip() for item in listed if str(item).strip()]
    known = holiday_names(country) if country else {}
    names, dates = set(), set()
    for item in items:
        try:
            dates.add(dt.date.fromisoformat(item))
            continue
        except ValueError:
            pass
        if item.casefold() not in known:
            offered = ", ".join(sorted(set(known.values()))) or "none: PLEIN_HOLIDAYS is none"
            raise ConfigError(f"PLEIN_HOLIDAYS_WORKED: {item!r} is no public holiday of {country or 'none'} "
                              f"nor a date such as 2027-03-26; the holidays are: {offered}")
        names.add(known[item.casefold()])
    return WorkedHolidays(frozenset(names), frozenset(dates))
