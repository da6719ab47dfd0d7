"""flask person export / erase: what Mijn gegevens does, for admins handling a request by mail."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Flask

from privacy_helpers import SECRET, lived_in, tables_mentioning
from service_helpers import Member


def test_export_to_a_file_then_erase(app: Flask, sanne: Member, joost: Member, sync: Any, tmp_path: Path) -> None:
    lived_in(sanne, joost, sync, app)
    runner = app.test_cli_runner()

    exported = runner.invoke(args=["person", "export", "sanne", "--output", str(tmp_path / "sanne.json")])
    assert exported.exit_code == 0, exported.output
    data = json.loads((tmp_path / "sanne.json").read_text(encoding="utf-8"))
    assert data["person"] == "sanne" and SECRET in json.dumps(data)

    refused = runner.invoke(args=["person", "erase", "sanne"], input="n\n")
    assert refused.exit_code != 0 and "comments" in tables_mentioning(app, SECRET)  # nothing erased

    erased = runner.invoke(args=["person", "erase", "sanne"], input="y\n")
    assert erased.exit_code == 0, erased.output
    assert json.loads(erased.output.strip().splitlines()[-1])["comments"] == 3
    assert tables_mentioning(app, "sanne", SECRET) == {"page_owners": 1}


def test_an_unknown_person_is_a_clear_error(app: Flask) -> None:
    runner = app.test_cli_runner()
    for command in (["person", "export", "niemand"], ["person", "erase", "niemand", "--yes"]):
        result = runner.invoke(args=command)
        assert result.exit_code != 0 and "holds nothing about this person" in result.output
