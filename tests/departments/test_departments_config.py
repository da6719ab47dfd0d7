"""PLEIN_DEPARTMENTS and PLEIN_DEMO_DEPARTMENTS are read once, at start-up, and wrong values stop it; the words
of both packages exist in Dutch and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from comments_service.announcements.strings import STRINGS as ANNOUNCEMENTS
from comments_service.config import ConfigError, load_settings
from comments_service.departments.strings import STRINGS as DEPARTMENTS


def test_departments_and_their_names(tmp_path: Path) -> None:
    settings = load_settings({"PLEIN_DEPARTMENTS": " hr = HR ; it=IT-afdeling;;communicatie",
                              "PLEIN_DEMO_DEPARTMENTS": "hr", "PLEIN_SECRET_KEY": "k"}, tmp_path)
    assert dict(settings.departments) == {"hr": "HR", "it": "IT-afdeling", "communicatie": "communicatie"}
    assert settings.demo_departments == ("hr",)
    assert load_settings({"PLEIN_SECRET_KEY": "k"}, tmp_path).departments == {}


@pytest.mark.parametrize("values", [
    {"PLEIN_DEPARTMENTS": "hr=HR;hr=Personeelszaken"},
    {"PLEIN_DEPARTMENTS": "=HR"},
    {"PLEIN_DEPARTMENTS": "hr=HR", "PLEIN_DEMO_DEPARTMENTS": "it"},
])
def test_wrong_values_stop_the_start(tmp_path: Path, values: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        load_settings({**values, "PLEIN_SECRET_KEY": "k"}, tmp_path)


@pytest.mark.parametrize("strings", [ANNOUNCEMENTS, DEPARTMENTS])
def test_every_word_in_both_languages(strings: dict[str, dict[str, str]]) -> None:
    assert strings["nl"].keys() == strings["en"].keys()
