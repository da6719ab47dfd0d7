"""The one-process server of `make run`: the built site at /, the API at /api/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from comments_service import create_app
from comments_service.devserver import site_blueprint
from service_helpers import close_app


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "built"
    (root / "nieuws").mkdir(parents=True)
    (root / "index.html").write_text("<h1>Plein</h1>", encoding="utf-8")
    (root / "nieuws" / "index.html").write_text("<h1>Nieuws</h1>", encoding="utf-8")
    (root / "app.css").write_text("body{}", encoding="utf-8")
    return root


@pytest.fixture
def served(app: Flask, site: Path) -> Any:
    app.register_blueprint(site_blueprint(site))
    return app.test_client()


def fetch(client: Any, path: str) -> tuple[int, bytes, str]:
    """Status, body and type of a response, its file closed."""
    with client.get(path) as response:
        return response.status_code, response.get_data(), response.mimetype


def test_pages_folders_and_files_are_served(served: Any) -> None:
    assert fetch(served, "/") == (200, b"<h1>Plein</h1>", "text/html")
    assert fetch(served, "/nieuws/") == (200, b"<h1>Nieuws</h1>", "text/html")
    assert fetch(served, "/nieuws")[1] == b"<h1>Nieuws</h1>"
    assert fetch(served, "/app.css")[2] == "text/css"


def test_the_api_still_answers_and_missing_files_are_404(served: Any) -> None:
    assert served.get("/api/me").is_json
    assert served.get("/api/nergens").json["error"]["code"] == "not_found"
    assert fetch(served, "/bestaat-niet/")[0] == 404
    assert fetch(served, "/../secret")[0] == 404


def test_serve_refuses_a_missing_site(tmp_path: Path) -> None:
    app = create_app({
        "PLEIN_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PLEIN_SECRET_KEY": "k",
        "PLEIN_SITE_DIR": str(tmp_path / "nothing"),
    })
    close_app(app)
    result = app.test_cli_runner().invoke(args=["serve", "--port", "0"])
    assert result.exit_code != 0 and "no built site" in str(result.exception or result.output)
