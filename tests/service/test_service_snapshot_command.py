"""`flask snapshot FILE`: every live conversation as `GET /api/snapshot` answers it, for a build without the service."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from service_helpers import PAGE, Member


def test_the_command_writes_what_the_api_answers(app: Flask, page: str, sanne: Member, client: FlaskClient,
                                                 tmp_path: Path) -> None:
    sanne.comment(PAGE, "Voor de snapshot")
    target = tmp_path / "out" / "snapshot.json"
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["snapshot", str(target)])
    assert result.exit_code == 0, result.output
    assert "1 conversations" in result.output
    written, answered = json.loads(target.read_text(encoding="utf-8")), client.get("/api/snapshot").json
    for conversation in [*written["pages"].values(), *answered["pages"].values()]:
        conversation.pop("generated")  # the moment of writing
    assert written == answered
