"""Helpers of the service tests: people as the SSO proxy presents them, manifests as the build writes them."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from werkzeug.test import TestResponse

from comments_service import db
from comments_service.notifications.queue import notify_queued
from comments_service.search.views import REBUILD_THREAD
from comments_service.signals import comment_changed

POSTGRES_DSN = "postgresql://postgres@127.0.0.1:5432/test"
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PROXY_ADDRESS = "10.1.2.3"
OTHER_ADDRESS = "192.0.2.77"
PROXY_SECRET = "proxy-secret-for-tests"
SYNC_TOKEN = "sync-token-for-tests"
PAGE = "richtlijnen/privacy"
CLOCK_START = dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC)
"""Where the test app's clock starts (a Monday morning): no test depends on the day it runs."""


def tell_after_each_write(app: Flask) -> None:
    """Tell the comments a write queued for notification right after its commit, before it answers: what the job
    worker does within a second (``notifications.queue``), done at once, so a test reads the notifications
    without waiting. The worker's own runs are tested in tests/notifications/test_mail_worker.py."""
    comment_changed.connect(_tell_queued, app, weak=False)


def tell_later(app: Flask) -> None:
    """Leave the queued comments to runs of the job worker, as in production (undoes ``tell_after_each_write``)."""
    comment_changed.disconnect(_tell_queued, app)


def _tell_queued(app: Flask, **_: object) -> None:
    notify_queued()


def eventually(check: Callable[[], bool], seconds: float = 2.0) -> bool:
    """Poll `check` until it holds or `seconds` pass (bounded); 2 s is the search's findability goal."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not check():
        time.sleep(0.05)
    return check()


def search_rebuilds_done(seconds: float = 10.0) -> bool:
    """Wait (at most ``seconds``) until no search index is being built in this process: the thread holds a
    database connection and the index's files until it ends, a moment after the index answers."""
    deadline = time.monotonic() + seconds
    for thread in [thread for thread in threading.enumerate() if thread.name == REBUILD_THREAD]:
        thread.join(max(0.0, deadline - time.monotonic()))
    return not any(thread.name == REBUILD_THREAD for thread in threading.enumerate())


def wait_for_first_index(app: Flask, seconds: float = 10.0) -> None:
    """Wait until the app's search has built its first index (in the background, at start) and let go of it."""
    search = app.extensions["plein_search"]
    deadline = time.monotonic() + seconds
    while search.needs_rebuild and time.monotonic() < deadline:
        time.sleep(0.01)
    search_rebuilds_done(max(0.0, deadline - time.monotonic()))


def close_app(app: Flask) -> None:
    """Stop what ``app`` runs beside its requests and release what it holds: the search's writer threads and
    open index files, an index build still going, the engine's connections (else they are closed by the garbage
    collector, in whatever test it runs, as a ResourceWarning). A build still going would open the index again
    after the search's close: it is waited for first."""
    search_rebuilds_done(30.0)
    app.extensions["plein_search"].close()
    with app.app_context():
        db.engine().dispose()


def client_from(app: Flask, address: str) -> FlaskClient:
    """A test client whose requests come from ``address``."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


@contextmanager
def counted_queries(app: Flask) -> Iterator[list[str]]:
    """Collect every SQL statement the app runs inside the block, in this thread: the app's background threads
    (the search writer draining its queue) read on their own schedule."""
    statements: list[str] = []
    here = threading.get_ident()

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if threading.get_ident() == here:
            statements.append(statement)

    with app.app_context():
        engine = db.engine()
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@dataclass
class Member:
    """A person as the single sign-on proxy presents them, with a client that writes as them."""

    client: FlaskClient
    id: str
    name: str
    groups: list[str] = field(default_factory=list)
    email: str | None = None
    _csrf: str | None = None

    @property
    def identity(self) -> dict[str, str]:
        """The headers the proxy adds."""
        headers = {"X-Plein-User": self.id, "X-Plein-Name": self.name, "X-Plein-Groups": ",".join(self.groups)}
        if self.email:
            headers["X-Plein-Email"] = self.email
        return headers

    @property
    def csrf(self) -> str:
        """The CSRF token, fetched from /api/me as the widget does."""
        if self._csrf is None:
            self._csrf = self.client.get("/api/me", headers=self.identity).json["csrf_token"]
        return self._csrf

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.client.get(path, headers={**self.identity, **kwargs.pop("headers", {})}, **kwargs)

    def write(self, method: str, path: str, body: object = None, **kwargs: Any) -> TestResponse:
        """A same-origin write with identity and CSRF token; ``body`` is sent as JSON."""
        headers = {**self.identity, "X-CSRF-Token": self.csrf, "Sec-Fetch-Site": "same-origin"}
        headers.update(kwargs.pop("headers", {}))
        if body is not None:
            kwargs["json"] = body
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def post(self, path: str, body: object = None, **kwargs: Any) -> TestResponse:
        return self.write("POST", path, body, **kwargs)

    def patch(self, path: str, body: object = None, **kwargs: Any) -> TestResponse:
        return self.write("PATCH", path, body, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> TestResponse:
        return self.write("DELETE", path, **kwargs)

    def comment(self, page_id: str, text: str, parent_id: int | None = None) -> dict[str, Any]:
        """Post a comment and return its JSON (asserting it was created)."""
        response = self.post(f"/api/pages/{page_id}/comments", {"text": text, "parent_id": parent_id})
        assert response.status_code == 201, response.json
        return response.json


def manifest_page(page_id: str, **fields: Any) -> dict[str, Any]:
    """A manifest page as the identity plugin writes it; ``fields`` override the defaults."""
    entry = {
        "id": page_id,
        "url": f"{page_id}/",
        "src_path": f"{page_id}.md",
        "title": page_id.rsplit("/", 1)[-1].replace("-", " ").title(),
        "language": "nl",
        "hashtags": [],
        "owners": [],
        "created": None,
        "updated": None,
        "authors": [],
        "former_ids": [],
        "former_paths": [],
        "text": f"text of {page_id}",
        "text_hash": f"hash-of-{page_id}",
    }
    entry.update(fields)
    return entry


def manifest(*pages: dict[str, Any]) -> dict[str, Any]:
    """A version 1 manifest listing ``pages``."""
    return {
        "version": 1,
        "generated": "2026-11-23T17:00:00+00:00",
        "site_url": "http://intranet.test/",
        "git": {"available": True, "shallow": False, "head": "0" * 40},
        "pages": list(pages),
    }


def together(*requests: Callable[[], TestResponse]) -> list[int]:
    """Run the requests at once (threads released by one barrier, each request with its own client); their
    statuses, in the order given."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = [0] * len(requests)

    def run(index: int, request: Callable[[], TestResponse]) -> None:
        barrier.wait(timeout=10)
        statuses[index] = request().status_code

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return statuses
