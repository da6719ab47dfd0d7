"""Mail's settings are checked at start-up; both languages have every sentence; digest moments by the local hour."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from comments_service.config import ConfigError, load_settings
from comments_service.notifications.mail.schedule import digest_moments
from comments_service.notifications.mail.texts import TEXTS

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BASE = {"PLEIN_SECRET_KEY": "k", "PLEIN_SITE_URL": "https://intranet.example/"}


@pytest.mark.parametrize(("values", "complaint"), [
    ({"PLEIN_SMTP_HOST": "smtp.test", "PLEIN_SITE_URL": "/"}, "absolute PLEIN_SITE_URL"),
    ({"PLEIN_SMTP_SECURITY": "ssl"}, "PLEIN_SMTP_SECURITY"),
    ({"PLEIN_MAIL_LANGUAGE": "de"}, "PLEIN_MAIL_LANGUAGE"),
    ({"PLEIN_MAIL_DIGEST_HOUR": "24"}, "PLEIN_MAIL_DIGEST_HOUR"),
    ({"PLEIN_MAIL_TIMEZONE": "Mars/Olympus"}, "PLEIN_MAIL_TIMEZONE"),
    ({"PLEIN_JOBS_URL": "amqp://queue"}, "PLEIN_JOBS_URL"),
])
def test_a_bad_mail_or_jobs_setting_stops_start_up(values: dict[str, str], complaint: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=complaint):
        load_settings({**BASE, **values}, tmp_path)


def test_defaults_follow_the_site_and_the_security(tmp_path: Path) -> None:
    settings = load_settings({**BASE, "PLEIN_SMTP_HOST": "smtp.test", "PLEIN_SMTP_SECURITY": "tls"}, tmp_path)
    assert (settings.mail.smtp_port, settings.mail.sender) == (465, "plein@intranet.example")
    assert settings.jobs_url == f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    assert load_settings(BASE, tmp_path).mail.smtp_host is None  # no host: no mail


def test_both_languages_have_every_sentence() -> None:
    assert TEXTS["nl"].keys() == TEXTS["en"].keys()


@pytest.mark.parametrize(("now", "daily", "weekly"), [
    # Wednesday 10:00 in winter (UTC+1): that morning at 7, and Monday at 7
    (dt.datetime(2027, 1, 6, 9, 0, tzinfo=dt.UTC), dt.datetime(2027, 1, 6, 6, 0, tzinfo=dt.UTC),
     dt.datetime(2027, 1, 4, 6, 0, tzinfo=dt.UTC)),
    # Monday 06:30 local: before the hour, so Sunday's and the Monday a week before
    (dt.datetime(2027, 1, 11, 5, 30, tzinfo=dt.UTC), dt.datetime(2027, 1, 10, 6, 0, tzinfo=dt.UTC),
     dt.datetime(2027, 1, 4, 6, 0, tzinfo=dt.UTC)),
    # Tuesday after the clocks went forward (UTC+2): 7 local is 5 UTC; the Monday before stays in summer time
    (dt.datetime(2027, 3, 30, 12, 0, tzinfo=dt.UTC), dt.datetime(2027, 3, 30, 5, 0, tzinfo=dt.UTC),
     dt.datetime(2027, 3, 29, 5, 0, tzinfo=dt.UTC)),
])
def test_digest_moments_are_at_the_local_hour(now: dt.datetime, daily: dt.datetime, weekly: dt.datetime) -> None:
    moments = digest_moments(now, 7, AMSTERDAM)
    assert (moments.daily, moments.weekly) == (daily, weekly)
