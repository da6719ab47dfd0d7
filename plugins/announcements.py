"""Announcements from front matter, shared by the build (manifest, warnings) and the comments service.

A page announces itself with ``announcement:`` in its front matter: ``true``, an end date
(``announcement: 2026-12-31``), or a mapping ``{until: 2026-12-31, from: 2026-12-01, required: true,
mail: true}``. The manifest carries it as ``{"from", "until", "required", "mail"}`` (dates as ISO 8601 strings
or null); the service shows it on top of every page until each reader has opened or dismissed it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

WINDOW = dt.timedelta(days=7)
MOST_PER_WINDOW = 2
ADVICE = "at most about two a week, or people stop reading them"
ADVICE_NL = "hooguit zo'n twee per week, anders lezen mensen ze niet meer"
KEYS = frozenset({"from", "until", "required", "mail"})


class AnnouncementError(ValueError):
    """The front matter's ``announcement:`` is not one of the documented forms."""


def _moment(value: object, key: str) -> str | None:
    """A date (``2026-12-31``) or a date and time, as the ISO 8601 string the manifest carries."""
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return (dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)).isoformat()
        except ValueError:
            pass
    raise AnnouncementError(f"announcement {key!r} must be a date such as 2026-12-31, not {value!r}")


def _flag(value: object, key: str) -> bool:
    if not isinstance(value, bool):
        raise AnnouncementError(f"announcement {key!r} must be true or false, not {value!r}")
    return value


def announcement(meta: Mapping[str, Any]) -> dict[str, Any] | None:
    """The page's announcement for the manifest, or ``None``; :class:`AnnouncementError` for a wrong form."""
    value = meta.get("announcement")
    if value is None or value is False:
        return None
    if value is True:
        value = {}
    elif isinstance(value, dt.date | str):
        value = {"until": value}
    if not isinstance(value, dict):
        raise AnnouncementError("announcement must be true, an end date, or a mapping of from/until/required/mail")
    unknown = sorted(set(map(str, value)) - KEYS)
    if unknown:
        raise AnnouncementError(f"announcement has unknown key(s) {', '.join(unknown)}; use {', '.join(sorted(KEYS))}")
    return {
        "from": _moment(value.get("from"), "from"),
        "until": _moment(value.get("until"), "until"),
        "required": _flag(value.get("required", False), "required"),
        "mail": _flag(value.get("mail", False), "mail"),
    }


def crowded(starts: Iterable[dt.datetime], new: Sequence[dt.datetime] = ()) -> list[dt.datetime]:
    """Starts of seven-day windows holding more than two announcements (each window counted once, from its
    first announcement); with ``new``, only windows that hold one of them."""
    ordered = sorted([*starts, *new])
    found: list[dt.datetime] = []
    for index, first in enumerate(ordered):
        window = [moment for moment in ordered[index:] if moment - first < WINDOW]
        if len(window) > MOST_PER_WINDOW and (not new or any(moment in window for moment in new)):
            if not found or first - found[-1] >= WINDOW:
                found.append(first)
    return found
