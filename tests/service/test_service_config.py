"""Settings: parsed once from PLEIN_* variables (or the factory's mapping), mistakes caught at start-up."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from comments_service.config import DEFAULT_EMOJI, ConfigError, load_settings
from comments_service.workdays import WorkedHolidays, WorkingCalendar


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in [name for name in os.environ if name.startswith("PLEIN_")]:
        monkeypatch.delenv(name)


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings({}, tmp_path)
    assert settings.emoji == DEFAULT_EMOJI
    assert (settings.header_user, settings.header_groups) == ("X-Plein-User", "X-Plein-Groups")
    assert settings.trusted_proxies == () and settings.proxy_secret is None and settings.demo is False
    assert (settings.comment_min_length, settings.comment_max_length) == (1, 5000)
    assert settings.ratelimit_storage == "memory://" and settings.site_root == "/"
    assert settings.search_indexer == "inline"


def test_the_environment_is_read_and_the_mapping_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLEIN_DEMO", "yes")
    monkeypatch.setenv("PLEIN_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")
    monkeypatch.setenv("PLEIN_MODERATOR_GROUPS", "a,b")
    monkeypatch.setenv("PLEIN_SEARCH_INDEXER", "External")
    settings = load_settings({"PLEIN_MODERATOR_GROUPS": "c", "PLEIN_SITE_URL": "https://intra.example/wiki"}, tmp_path)
    assert settings.demo is True
    assert settings.trusted_proxies == (ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8"))
    assert settings.moderator_groups == frozenset({"c"})
    assert settings.search_indexer == "external"
    assert settings.site_root == "/wiki/" and settings.site_origin == "https://intra.example"


def test_a_generated_secret_key_is_kept_for_every_worker(tmp_path: Path) -> None:
    first = load_settings({}, tmp_path).secret_key
    assert len(first) > 40 and load_settings({}, tmp_path).secret_key == first


def test_postgresql_needs_a_secret_key_set_for_every_host(tmp_path: Path) -> None:
    """Hosts and job workers sharing a PostgreSQL database would each generate a key of their own."""
    postgres = {"PLEIN_DATABASE_URL": "postgresql+psycopg://plein@db.internal/plein"}
    with pytest.raises(ConfigError, match="PLEIN_SECRET_KEY must be set when PLEIN_DATABASE_URL names PostgreSQL"):
        load_settings(postgres, tmp_path)
    assert not (tmp_path / "secret_key").exists()
    assert load_settings({**postgres, "PLEIN_SECRET_KEY": "shared"}, tmp_path).secret_key == "shared"


@pytest.mark.parametrize(
    "values",
    [
        {"PLEIN_DEMO": "maybe"},
        {"PLEIN_TRUSTED_PROXIES": "not-an-address"},
        {"PLEIN_COMMENT_MAX_LENGTH": "many"},
        {"PLEIN_COMMENT_MIN_LENGTH": "10", "PLEIN_COMMENT_MAX_LENGTH": "5"},
        {"PLEIN_EMOJI": "👍 👍"},
        {"PLEIN_EMOJI": "👍 " + "x" * 33},
        {"PLEIN_SEARCH_INDEXER": "cron"},
    ],
)
def test_mistakes_are_caught_at_start_up(tmp_path: Path, values: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        load_settings(values, tmp_path)


def calendar(tmp_path: Path, **values: str) -> WorkingCalendar:
    return load_settings(values, tmp_path).working_calendar


def test_public_holidays_are_those_of_a_known_country_or_none(tmp_path: Path) -> None:
    assert calendar(tmp_path).country == "NL"
    assert calendar(tmp_path, PLEIN_HOLIDAYS="be").country == "BE"
    assert calendar(tmp_path, PLEIN_HOLIDAYS="none").country == ""
    assert calendar(tmp_path, PLEIN_HOLIDAYS="").country == "NL"  # blank is unset, as everywhere
    assert calendar(tmp_path, PLEIN_MAIL_TIMEZONE="Europe/Brussels").zone == ZoneInfo("Europe/Brussels")
    with pytest.raises(ConfigError, match="PLEIN_HOLIDAYS: no public holidays are known for 'XX'"):
        calendar(tmp_path, PLEIN_HOLIDAYS="xx")


def test_days_off_are_iso_dates(tmp_path: Path) -> None:
    assert calendar(tmp_path).days_off == frozenset()
    assert calendar(tmp_path, PLEIN_DAYS_OFF="2027-05-07, 2027-12-27").days_off == {
        dt.date(2027, 5, 7), dt.date(2027, 12, 27)}
    with pytest.raises(ConfigError, match="PLEIN_DAYS_OFF: .*give dates as 2027-05-07"):
        calendar(tmp_path, PLEIN_DAYS_OFF="7 mei")


def test_holidays_worked_are_named_in_english_or_the_countrys_language_or_dated(tmp_path: Path) -> None:
    assert calendar(tmp_path).worked == WorkedHolidays()
    worked = calendar(tmp_path, PLEIN_HOLIDAYS_WORKED="Good Friday, tweede PINKSTERDAG, 2030-05-05").worked
    assert worked == WorkedHolidays(frozenset({"Good Friday", "Pentecost Monday"}), frozenset({dt.date(2030, 5, 5)}))
    with pytest.raises(ConfigError, match="'Goede Vrijdag' is no public holiday of BE .* Easter Monday"):
        calendar(tmp_path, PLEIN_HOLIDAYS="BE", PLEIN_HOLIDAYS_WORKED="Goede Vrijdag")
    with pytest.raises(ConfigError, match="'Good Friday' is no public holiday of none"):
        calendar(tmp_path, PLEIN_HOLIDAYS="none", PLEIN_HOLIDAYS_WORKED="Good Friday")


def test_demo_groups_are_names_separated_as_the_groups_header_separates_them(tmp_path: Path) -> None:
    read = load_settings({"PLEIN_DEMO_GROUPS": " Team HR ;Team IT,, Team HR", "PLEIN_SECRET_KEY": "k"}, tmp_path)
    assert read.demo_groups == ("Team HR", "Team IT")
    with pytest.raises(ConfigError, match="PLEIN_DEMO_GROUPS"):
        load_settings({"PLEIN_DEMO_GROUPS": "Team " + "x" * 300, "PLEIN_SECRET_KEY": "k"}, tmp_path)
