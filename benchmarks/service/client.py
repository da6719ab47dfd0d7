"""A tiny JSON-over-HTTP client for seeding (the measuring is wrk's job, see load.py)."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Answer:
    """A response: status, decoded JSON body (None when empty), headers."""

    status: int
    body: Any
    headers: http.client.HTTPMessage


class JsonClient:
    """One keep-alive connection to `base_url`; `headers` go with every request."""

    def __init__(self, base_url: str, headers: dict[str, str] | None = None) -> None:
        parts = urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
        self.headers = dict(headers or {})

    def request(self, method: str, path: str, body: object | None = None, expect: int | None = None) -> Answer:
        """Send one request; with `expect`, any other status is an error that shows the answer."""
        headers = dict(self.headers)
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        self.connection.request(method, path, body=payload, headers=headers)
        response = self.connection.getresponse()
        raw = response.read()
        answer = Answer(response.status, json.loads(raw) if raw else None, response.headers)
        if expect is not None and answer.status != expect:
            raise RuntimeError(f"{method} {path}: expected {expect}, got {answer.status}: {raw[:500]!r}")
        return answer

    def close(self) -> None:
        self.connection.close()
