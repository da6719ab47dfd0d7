"""Announcements from content at build time: the front matter's forms, the manifest, and the warning (which
fails a --strict build) when more than two announcements start within seven days, naming the advice."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from plugins.announcements import AnnouncementError, announcement, crowded


def test_the_front_matter_forms() -> None:
    assert announcement({}) is None and announcement({"announcement": False}) is None
    assert announcement({"announcement": True}) == {"from": None, "until": None, "required": False, "mail": False}
    assert announcement({"announcement": dt.date(2026, 12, 31)})["until"] == "2026-12-31"
    assert announcement({"announcement": {"until": dt.date(2026, 12, 31), "from": "2026-12-01", "required": True,
                                          "mail": True}}) == {"from": "2026-12-01", "until": "2026-12-31",
                                                              "required": True, "mail": True}
    for wrong in ({"until": "morgen"}, {"mail": "ja"}, {"tot": "2026-12-31"}, ["2026-12-31"]):
        with pytest.raises(AnnouncementError):
            announcement({"announcement": wrong})


def test_crowded_weeks() -> None:
    day = dt.datetime(2027, 1, 4, tzinfo=dt.UTC)
    week = [day, day + dt.timedelta(days=3), day + dt.timedelta(days=6)]
    assert crowded(week) == [day]
    assert crowded(week[:2]) == [] and crowded([day, day + dt.timedelta(days=3), day + dt.timedelta(days=7)]) == []
    assert crowded(week[:2], [day + dt.timedelta(days=20)]) == []  # the new one is in no crowded week


def project(tmp_path: Path, starts: list[str]) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for number, start in enumerate(starts):
        front = yaml.safe_dump({"announcement": {"from": start, "until": "2099-01-01"}})
        (docs / f"nieuws-{number}.md").write_text(f"---\n{front}---\n# Nieuws {number}\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "T", "docs_dir": "docs", "theme": {"name": "mkdocs"},
                                      "plugins": ["plein-identity"]}), encoding="utf-8")
    return config


def test_the_manifest_carries_announcements_and_two_a_week_build_strict(tmp_path: Path) -> None:
    config = load_config(str(project(tmp_path, ["2098-06-01", "2098-06-05"])), site_dir=str(tmp_path / "site"),
                         strict=True)
    build(config)
    pages = json.loads((tmp_path / "site" / "plein" / "manifest.json").read_text())["pages"]
    assert "announcement" not in pages[0]
    assert pages[1]["announcement"] == {"from": "2098-06-01", "until": "2099-01-01", "required": False,
                                        "mail": False}


def test_a_third_within_seven_days_warns_naming_the_advice_and_fails_strict(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = load_config(str(project(tmp_path, ["2098-06-01", "2098-06-03", "2098-06-05"])),
                         site_dir=str(tmp_path / "site"), strict=True)
    with pytest.raises(Abort):
        build(config)
    warning = next(record.getMessage() for record in caplog.records if "announcements start" in record.getMessage())
    assert "3 announcements start within seven days of 2098-06-01" in warning
    assert "at most about two a week" in warning and "nieuws-2.md" in warning


def test_a_malformed_announcement_stops_the_build_naming_the_file(tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    config_file = project(tmp_path, [])
    (tmp_path / "docs" / "kapot.md").write_text("---\nannouncement: {until: morgen}\n---\n# Kapot\n")
    with pytest.raises(Abort):
        build(load_config(str(config_file), site_dir=str(tmp_path / "site")))
    assert "'kapot.md': announcement 'until' must be a date" in caplog.text
