"""Service hosts as real processes for the scale-out tests: gunicorn per host, each with a local folder of its
own, all in front of one PostgreSQL schema and one Redis database; a small HTTP client acting as people.

Everything listens on 127.0.0.1 and every wait has a deadline.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conftest import REPO_ROOT, free_port

SITE_ORIGIN = "http://intranet.test"
SYNC_TOKEN = "sync-token-for-scaleout"
START_SECONDS = 60.0
"""How long a host may take to answer after its start (two gunicorn workers importing the app on a busy machine)."""


def until(check: Callable[[], Any], seconds: float, interval: float = 0.05) -> Any:
    """Poll ``check`` until it gives something true or ``seconds`` pass; its last value."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


@dataclass
class Answer:
    """An HTTP answer: status, headers (lower-case names) and the body read as JSON when it is JSON."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def request(port: int, method: str, path: str, body: object = None, headers: Mapping[str, str] | None = None,
            timeout: float = 10.0) -> Answer:
    """One request to 127.0.0.1:``port`` on a connection of its own (raises OSError when nobody answers, or the
    answer is cut off: a host killed while it sent one)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = None if body is None else json.dumps(body).encode()
        sent = {"Content-Type": "application/json"} if data is not None else {}
        connection.request(method, path, body=data, headers={**sent, **(headers or {})})
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    except http.client.HTTPException as error:  # IncompleteRead and the like are no OSError
        raise ConnectionError(f"the answer was cut off: {error!r}") from error
    finally:
        connection.close()


@dataclass
class Person:
    """A colleague as the SSO proxy (the test, from 127.0.0.1) presents them to any host."""

    id: str
    csrf: str = ""

    @property
    def identity(self) -> dict[str, str]:
        return {"X-Plein-User": self.id, "X-Plein-Name": self.id.title(), "X-Plein-Email": f"{self.id}@example.nl"}

    def introduce(self, host: Host) -> Person:
        """Fetch the CSRF token as the widget does (it is the same on every host: one secret key)."""
        self.csrf = host.get("/api/me", self).json["csrf_token"]
        return self

    def write_headers(self) -> dict[str, str]:
        return {**self.identity, "X-CSRF-Token": self.csrf, "Sec-Fetch-Site": "same-origin", "Origin": SITE_ORIGIN}


@dataclass
class Host:
    """One service host: gunicorn in a process group of its own, so ``kill()`` ends it like a machine dying."""

    name: str
    folder: Path
    env: dict[str, str]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    def start(self, workers: int = 2) -> Host:
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / "gunicorn.log").open("ab") as log:  # the child keeps its own descriptor
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}",
                 "--graceful-timeout", "2", "comments_service:create_app()"],
                cwd=self.folder, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        return self

    def wait_ready(self) -> Host:
        def answers() -> bool:
            assert self.process is not None and self.process.poll() is None, self.log()
            try:
                return request(self.port, "GET", "/api/me", timeout=2).status == 200
            except OSError:
                return False

        assert until(answers, START_SECONDS, 0.2), f"host {self.name} did not answer:\n{self.log()}"
        return self

    def log(self) -> str:
        path = self.folder / "gunicorn.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def kill(self) -> None:
        """SIGKILL to every process of the host at once (master and workers): no shutdown of any kind."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """SIGTERM (gunicorn's graceful stop), SIGKILL after a deadline."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()

    def get(self, path: str, person: Person | None = None, headers: Mapping[str, str] | None = None) -> Answer:
        return request(self.port, "GET", path, headers={**(person.identity if person else {}), **(headers or {})})

    def post(self, path: str, person: Person, body: object, timeout: float = 10.0) -> Answer:
        return request(self.port, "POST", path, body, person.write_headers(), timeout=timeout)

    def comment(self, page_id: str, person: Person, text: str) -> Answer:
        return self.post(f"/api/pages/{page_id}/comments", person, {"text": text})

    def sync(self, manifest: dict[str, Any]) -> Answer:
        return request(self.port, "POST", "/api/sync", manifest, {"Authorization": f"Bearer {SYNC_TOKEN}"})


class Cluster:
    """Hosts started on demand in front of the module's database and Redis; all ended when the module is done."""

    def __init__(self, database_url: str, redis_url: str, folder: Path) -> None:
        self.database_url = database_url
        self.redis_url = redis_url
        self.folder = folder
        self.hosts: list[Host] = []

    def start(self, *names: str, **overrides: str) -> list[Host]:
        """Start hosts at once (each with its own folder) and wait until every one answers."""
        started = []
        for name in names:
            folder = self.folder / name
            host = Host(name, folder, host_environment(self.database_url, self.redis_url, folder, **overrides))
            self.hosts.append(host)
            started.append(host.start())
        return [host.wait_ready() for host in started]

    def stop(self) -> None:
        for host in self.hosts:
            host.stop()


def host_environment(database_url: str, redis_url: str, folder: Path, **overrides: str) -> dict[str, str]:
    """What every host shares (database, Redis, secret key) and what is its own (``folder``)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PLEIN_")}
    env.update(
        PYTHONPATH=str(REPO_ROOT),
        PLEIN_DATABASE_URL=database_url,
        PLEIN_SEARCH_BACKEND="postgres",
        PLEIN_SEARCH_INDEXER="inline",
        PLEIN_SEARCH_DIR=str(folder / "search"),
        PLEIN_SITE_DIR=str(folder / "site"),
        PLEIN_SITE_URL=f"{SITE_ORIGIN}/",
        PLEIN_SECRET_KEY="one-secret-for-every-host",
        PLEIN_TRUSTED_PROXIES="127.0.0.1/32",
        PLEIN_SYNC_TOKEN=SYNC_TOKEN,
        PLEIN_RATELIMIT_ENABLED="1",
        PLEIN_RATELIMIT_WRITE="30 per minute",
        PLEIN_RATELIMIT_STORAGE=redis_url,
        PLEIN_JOBS_URL=redis_url,
    )
    env.update(overrides)
    return env


def fresh_person(prefix: str) -> Person:
    """Somebody nobody has seen (a fresh write budget in the shared Redis)."""
    return Person(f"{prefix}-{uuid.uuid4().hex[:8]}")
