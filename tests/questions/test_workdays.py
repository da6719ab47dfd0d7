"""Working time skips weekends and the configured country's public holidays, whole days in the local zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from comments_service.workdays import WorkedHolidays, WorkingCalendar

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DUTCH = WorkingCalendar(AMSTERDAM, "NL")
WEEKENDS_ONLY = WorkingCalendar(AMSTERDAM)
WORKING_DAY = dt.timedelta(hours=24)


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)


@pytest.mark.parametrize(("asked", "dutch", "weekends_only"), [
    ("2027-01-08 15:00", "2027-01-11 15:00", "2027-01-11 15:00"),  # Friday: the weekend does not count
    ("2027-01-09 10:00", "2027-01-12 00:00", "2027-01-12 00:00"),  # asked on a Saturday: Monday counts whole
    ("2026-12-24 15:00", "2026-12-28 15:00", "2026-12-25 15:00"),  # Christmas, then a weekend
    ("2027-04-26 09:30", "2027-04-28 09:30", "2027-04-27 09:30"),  # King's Day
    ("2027-03-25 12:00", "2027-03-30 12:00", "2027-03-26 12:00"),  # Good Friday, the weekend, Easter Monday
])
def test_a_working_day_skips_weekends_and_public_holidays(asked: str, dutch: str, weekends_only: str) -> None:
    assert DUTCH.add_working_time(local(asked), WORKING_DAY) == local(dutch)
    assert WEEKENDS_ONLY.add_working_time(local(asked), WORKING_DAY) == local(weekends_only)


def test_a_day_is_a_day_across_a_change_to_summer_time() -> None:
    # Sunday 28 March 2027 has 23 hours in Amsterdam: Friday 08:00 (07:00 UTC) + a working day is Monday 08:00
    # (06:00 UTC), counted in wall-clock hours
    due = WEEKENDS_ONLY.add_working_time(local("2027-03-26 08:00"), WORKING_DAY)
    assert due == local("2027-03-29 08:00") and due.tzinfo == dt.UTC
    assert due == dt.datetime(2027, 3, 29, 6, tzinfo=dt.UTC)


def test_the_first_working_day_of_a_month() -> None:
    assert DUTCH.first_working_day(dt.date(2027, 1, 1)) == dt.date(2027, 1, 4)  # New Year's Day is a Friday
    assert WEEKENDS_ONLY.first_working_day(dt.date(2027, 1, 1)) == dt.date(2027, 1, 1)
    assert DUTCH.first_working_day(dt.date(2027, 5, 20)) == dt.date(2027, 5, 3)  # any day names its month
    assert DUTCH.is_working_day(dt.date(2027, 5, 5)) is True  # Liberation Day is a day off only every fifth year
    assert DUTCH.is_working_day(dt.date(2025, 5, 5)) is False


def test_the_organisations_own_days_off_count_as_holidays() -> None:
    bridging = WorkingCalendar(AMSTERDAM, "NL", frozenset({dt.date(2027, 5, 7)}))  # the Friday after Ascension
    assert bridging.add_working_time(local("2027-05-05 15:00"), WORKING_DAY) == local("2027-05-10 15:00")
    assert DUTCH.add_working_time(local("2027-05-05 15:00"), WORKING_DAY) == local("2027-05-07 15:00")


def test_a_public_holiday_the_organisation_works_is_a_working_day() -> None:
    by_name = WorkingCalendar(AMSTERDAM, "NL", worked=WorkedHolidays(names=frozenset({"Good Friday"})))
    assert by_name.add_working_time(local("2027-03-25 12:00"), WORKING_DAY) == local("2027-03-26 12:00")
    assert by_name.is_working_day(dt.date(2028, 4, 14)) is True  # every year's Good Friday
    assert by_name.is_working_day(dt.date(2027, 3, 29)) is False  # Easter Monday stays off
    once = WorkingCalendar(AMSTERDAM, "NL", worked=WorkedHolidays(dates=frozenset({dt.date(2030, 5, 5)})))
    assert once.is_working_day(dt.date(2030, 5, 5)) is False  # a Sunday: the weekend is never worked
    once = WorkingCalendar(AMSTERDAM, "NL", worked=WorkedHolidays(dates=frozenset({dt.date(2025, 5, 5)})))
    assert once.is_working_day(dt.date(2025, 5, 5)) is True and once.is_working_day(dt.date(2025, 4, 18)) is False
    off_all_the_same = WorkingCalendar(AMSTERDAM, "NL", frozenset({dt.date(2027, 3, 26)}), by_name.worked)
    assert off_all_the_same.is_working_day(dt.date(2027, 3, 26)) is False  # a day off wins


@pytest.mark.parametrize(("start", "end", "worked"), [
    ("2027-01-08 16:00", "2027-01-11 09:00", dt.timedelta(hours=17)),  # Friday 16:00 to Monday 09:00
    ("2027-01-11 09:00", "2027-01-11 09:45", dt.timedelta(minutes=45)),  # within a working day: as the clock
    ("2027-01-09 10:00", "2027-01-10 18:00", dt.timedelta()),  # a weekend only
    ("2026-12-24 15:00", "2026-12-28 10:00", dt.timedelta(hours=19)),  # Christmas and a weekend between
    ("2027-03-26 08:00", "2027-03-30 08:00", dt.timedelta(hours=8)),  # Good Friday to Easter Tuesday, across DST
])
def test_the_working_time_between_two_moments(start: str, end: str, worked: dt.timedelta) -> None:
    assert DUTCH.working_time_between(local(start), local(end)) == worked


@pytest.mark.parametrize("start", ["2027-01-08 15:00", "2027-01-09 10:00", "2026-12-24 15:00", "2027-03-26 08:00"])
@pytest.mark.parametrize("hours", [1, 24, 30, 100])
def test_working_time_between_undoes_adding_it(start: str, hours: int) -> None:
    due = DUTCH.add_working_time(local(start), dt.timedelta(hours=hours))
    assert DUTCH.working_time_between(local(start), due) == dt.timedelta(hours=hours)
