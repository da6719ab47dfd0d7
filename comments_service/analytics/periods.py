"""The periods figures cover: 7 or 28 local days, 3 or 12 calendar months, each with the one before it.

Days and months are local (the service's time zone, ``PLEIN_MAIL_TIMEZONE``): a day from local midnight to
local midnight, 23 or 25 hours long when daylight saving time changes. Day periods end today by default,
month periods with the last complete month; ``end`` chooses another last day (``YYYY-MM-DD``) or month
(``YYYY-MM``). A period that does not exist or lies outside the data is refused with a clear 400.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..errors import ApiError

PERIODS = {"7d": (7, False), "28d": (28, False), "3m": (3, True), "12m": (12, True)}
"""A period's name: its length and whether it counts months (else days)."""
DEFAULT_PERIOD = "28d"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def add_months(month: dt.date, count: int) -> dt.date:
    """The first day of the month ``count`` months after (or before) ``month``'s."""
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Span:
    """Local days ``first`` to ``last`` (both included); ``months`` when it is whole calendar months."""

    first: dt.date
    last: dt.date
    months: bool

    def start(self, zone: ZoneInfo) -> dt.datetime:
        """The UTC moment the span begins: local midnight of its first day."""
        return local_midnight(self.first, zone)

    def end(self, zone: ZoneInfo) -> dt.datetime:
        """The UTC moment the span ends (excluded): local midnight after its last day."""
        return local_midnight(self.last + dt.timedelta(days=1), zone)

    def buckets(self) -> list[dt.date]:
        """Its days, or the first days of its months."""
        if self.months:
            count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
            return [add_months(self.first, n) for n in range(count)]
        return [self.first + dt.timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    def bucket_of(self, day: dt.date) -> dt.date:
        """The bucket a local day falls in."""
        return day.replace(day=1) if self.months else day

    def previous(self) -> Span:
        """The span of the same length just before."""
        if self.months:
            count = len(self.buckets())
            first = add_months(self.first, -count)
            return Span(first, self.first - dt.timedelta(days=1), True)
        length = self.last - self.first + dt.timedelta(days=1)
        return Span(self.first - length, self.first - dt.timedelta(days=1), False)

    def days(self) -> list[dt.date]:
        """Every local day of the span."""
        return [self.first + dt.timedelta(days=n) for n in range((self.last - self.first).days + 1)]


def comparable(span: Span, data_start: dt.date | None) -> bool:
    """Whether the span before ``span`` lies wholly within the data (``data_start`` on): before the first figure
    a period shows zeros that nobody counted, so a comparison with it would say nothing true."""
    return data_start is not None and data_start <= span.previous().first


def local_midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """Local midnight of ``day`` as an aware UTC datetime."""
    return dt.datetime.combine(day, dt.time(), zone).astimezone(dt.UTC)


def parse_month(text: str) -> dt.date:
    """``YYYY-MM`` as the first day of that month; ``ValueError`` (with a sentence) for anything else."""
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise ValueError(f"{text!r} is not a month: write YYYY-MM, such as 2026-11.")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def month_span(month: dt.date) -> Span:
    """The whole calendar month starting at ``month``."""
    return Span(month, add_months(month, 1) - dt.timedelta(days=1), True)


def span(name: str | None, end: str | None, today: dt.date, data_start: dt.date | None) -> Span:
    """The period ``name`` ending at ``end``; 400 for an unknown name, a malformed or impossible end, a period
    that has not begun yet, or one that ended before the first data."""
    name = name or DEFAULT_PERIOD
    if name not in PERIODS:
        raise ApiError(400, "unknown_period", f"period must be one of {', '.join(PERIODS)}.",
                       nl=f"Kies als periode een van {', '.join(PERIODS)}.")
    length, months = PERIODS[name]
    if months:
        last_month = add_months(today.replace(day=1), -1)
        if end:
            try:
                last_month = parse_month(end)
            except ValueError:
                raise ApiError(400, "bad_end", "end is a month for this period: YYYY-MM, such as 2026-11.",
                               nl="Het einde is bij deze periode een maand: JJJJ-MM, zoals 2026-11.") from None
        result = Span(add_months(last_month, 1 - length), add_months(last_month, 1) - dt.timedelta(days=1), True)
    else:
        last = today
        if end:
            match = _DAY.match(end.strip())
            try:
                if not match:
                    raise ValueError
                last = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                raise ApiError(400, "bad_end", "end is an existing day for this period: YYYY-MM-DD.",
                               nl="Het einde is bij deze periode een bestaande dag: JJJJ-MM-DD.") from None
        result = Span(last - dt.timedelta(days=length - 1), last, False)
    check_in_data(result, today, data_start)
    return result


def check_in_data(result: Span, today: dt.date, data_start: dt.date | None) -> None:
    """400 when ``result`` has not begun yet or ended before the first data (``data_start``)."""
    if result.first > today:
        raise ApiError(400, "period_in_future", "This period has not begun yet; choose one that has.",
                       nl="Deze periode is nog niet begonnen; kies een periode die al begonnen is.")
    if data_start is not None and result.last < data_start:
        raise ApiError(400, "period_before_data",
                       f"There are no figures before {data_start.isoformat()}; choose a later period.",
                       nl=f"Er zijn geen cijfers van voor {data_start.isoformat()}; kies een latere periode.")
