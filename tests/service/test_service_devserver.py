"""The one-process server of `make run`: the built site at /, the API at /api/."""

from __future__ import annotations

import gc
import socket
import struct
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from comments_service import create_app
from comments_service.devserver import closing_answers, site_blueprint
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


def test_a_client_that_resets_the_connection_leaves_no_file_open(app: Flask, site: Path) -> None:
    """Werkzeug's server reads what a client sent beyond its request before it closes the answer; when that read
    fails on a reset connection (a browser leaving a page while its scripts still load), the close is skipped and
    the file sent stays open until the garbage collector finds it: a warning, an error in this suite, in whichever
    test comes next. `make run` and the browser tests serve through `closing_answers`."""
    app.register_blueprint(site_blueprint(site))
    server = make_server("127.0.0.1", 0, closing_answers(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    before = set(threading.enumerate())
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with socket.create_connection(("127.0.0.1", server.server_port), timeout=5) as client:
                # Bytes after the request: the server's clean-up waits to read them all, until the reset.
                client.sendall(b"GET /app.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nmore")
                answer = b""
                while not answer.endswith(b"body{}"):
                    answer += client.recv(4096)
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = reset
            for _ in range(250):  # the server's thread for the connection notices the reset and ends
                if not set(threading.enumerate()) - before:
                    break
                time.sleep(0.02)
            gc.collect()
        assert not [warning for warning in caught if issubclass(warning.category, ResourceWarning)]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
