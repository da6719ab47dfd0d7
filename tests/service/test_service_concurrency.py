"""Many people at once: concurrent writes and reads through a threaded server never answer 5xx."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from service_helpers import PAGE

PEOPLE = 6
ROUNDS = 8


@pytest.fixture
def server(app: Flask) -> Iterator[int]:
    """The app on a threaded Werkzeug server at 127.0.0.1."""
    running: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running.server_port
    running.shutdown()
    running.server_close()


def call(port: int, method: str, path: str, headers: dict[str, str], body: object = None) -> tuple[int, Any]:
    """One request on a fresh connection: status and JSON answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        data = json.dumps(body) if body is not None else None
        connection.request(method, path, data, {**headers, "Content-Type": "application/json"})
        response = connection.getresponse()
        payload = response.read()
        return response.status, json.loads(payload) if payload else None
    finally:
        connection.close()


@pytest.mark.plein_settings(PLEIN_TRUSTED_PROXIES="127.0.0.1/32")
def test_concurrent_comments_reactions_and_reads(page: str, server: int) -> None:
    def person(number: int) -> list[int]:
        """One person's requests, one after another; the people run at once."""
        headers = {"X-Plein-User": f"p{number}", "X-Plein-Name": f"Persoon {number}"}
        headers["X-CSRF-Token"] = call(server, "GET", "/api/me", headers)[1]["csrf_token"]
        statuses = []
        for round_ in range(ROUNDS):
            text = {"text": f"{number}/{round_}"}
            statuses.append(call(server, "POST", f"/api/pages/{PAGE}/comments", headers, text)[0])
            statuses.append(call(server, "POST", f"/api/pages/{PAGE}/reactions", headers, {"emoji": "👍"})[0])
            statuses.append(call(server, "GET", f"/api/pages/{PAGE}/thread", headers)[0])
        return statuses

    with ThreadPoolExecutor(PEOPLE) as pool:
        statuses = [status for result in pool.map(person, range(PEOPLE)) for status in result]
    assert set(statuses) == {200, 201}
    _, thread = call(server, "GET", f"/api/pages/{PAGE}/thread", {})
    assert thread["comment_count"] == PEOPLE * ROUNDS
    assert thread["reactions"]["counts"] == {}  # everyone toggled 👍 an even number of times
