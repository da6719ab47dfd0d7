"""The time zone of days and months: the service's one local zone, ``PLEIN_MAIL_TIMEZONE`` (default
Europe/Amsterdam), which the mail digests use too."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from ..identity import settings


def zone() -> ZoneInfo:
    """The configured local time zone."""
    return settings().mail.timezone
