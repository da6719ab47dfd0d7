"""Fixtures for the widget in a real browser: the sample site built once, the comments service on it.

Two shapes of deployment:

- ``plein``: one process serves the built site at ``/`` and the API at ``/api/`` (``flask serve``),
  shared by a module's tests;
- ``behind_web_server``: production's shape, a web server serves the built site and passes
  ``/api/`` to the service, which a test may stop (the site must stay readable).
"""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

from comments_service import create_app
from comments_service.devserver import closing_answers, site_blueprint
from comments_service.identity import demo_person

from service_helpers import close_app, tell_after_each_write

MODERATOR = "Mona Moderator"
TIMEOUT_MS = 10_000
# Headers that describe one connection, not the message: a proxy never passes them on.
HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length", "server", "date"})


class LiveServer:
    """A WSGI app served by Werkzeug on 127.0.0.1 (a free port) in a thread, until `stop()`."""

    def __init__(self, app: WSGIApplication) -> None:
        self._server: BaseWSGIServer = make_server("127.0.0.1", 0, closing_answers(app), threaded=True)
        self.port = self._server.server_port
        self.url = f"http://127.0.0.1:{self.port}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop answering: afterwards connections to the port are refused."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)


def forward(request: Request, port: int) -> Response:
    """Pass `request` on to 127.0.0.1:`port` and return its answer; 502 Bad Gateway when nobody answers."""
    headers = {name: value for name, value in request.headers.items() if name.lower() not in HOP_BY_HOP}
    try:
        with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=5)) as connection:
            connection.request(request.method, request.environ["REQUEST_URI"], request.get_data(), headers)
            answer = connection.getresponse()
            kept = [(name, value) for name, value in answer.getheaders() if name.lower() not in HOP_BY_HOP]
            return Response(answer.read(), status=answer.status, headers=kept)
    except OSError:
        return Response("Bad Gateway", status=502)


# What nginx passes to the service (docs/service.md), and what it answers instead when the service is down.
SERVICE_PATHS = ("/api/", "/people/", "/me/", "/conversation/", "/search/")
DOWN_FALLBACK = {"/search/": "search.html", "/tags/": "404.html"}


def web_server(site_dir: Path, service_port: int) -> WSGIApplication:
    """The production web server in small, as nginx would be: files from `site_dir`; the service's paths, and the
    `tags/<tag>/` the build has no page for, proxied to the service; with the service down, `search/` answered
    by the static search page (which then searches the build's page index) and a missing tag by 404.html."""
    site = Flask("plein_test_site")
    site.register_blueprint(site_blueprint(site_dir))

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ["PATH_INFO"]
        missing_tag = path.startswith("/tags/") and not (site_dir / path.lstrip("/") / "index.html").is_file()
        if not (path.startswith(SERVICE_PATHS) or missing_tag):
            return site(environ, start_response)
        answer = forward(Request(environ), service_port)
        fallback = next((file for prefix, file in DOWN_FALLBACK.items() if path.startswith(prefix)), None)
        if answer.status_code == 502 and fallback:
            answer = Response((site_dir / fallback).read_bytes(), status=200 if fallback == "search.html" else 404,
                              mimetype="text/html")
        return answer(environ, start_response)

    return app


def sync(app: Flask, manifest: Path) -> None:
    """`flask sync <manifest>`: the service learns which pages the build has."""
    with app.app_context():  # `flask` pushes one for every command; the test runner does not
        result = app.test_cli_runner().invoke(args=["sync", str(manifest)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def service_settings() -> dict[str, object]:
    """Settings a test module adds to its service (a module overrides this fixture)."""
    return {}


@pytest.fixture(scope="module")
def plein_app(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory, service_settings: dict[str, object]
) -> Iterator[Flask]:
    """The comments service in demo mode on a fresh SQLite database, synced with the built site's manifest,
    serving the site too. The demo person named `MODERATOR` is an admin (and so a moderator).

    It runs on the machine's clock, as Chromium does (the widget shows times relative to the browser's);
    tests whose outcome depends on the content's commit dates must hold for content of any age."""
    data = tmp_path_factory.mktemp("service")
    app = create_app({
        "PLEIN_DATABASE_URL": f"sqlite:///{data / 'plein.sqlite3'}",
        "PLEIN_SEARCH_DIR": str(data / "search"),
        "PLEIN_SECRET_KEY": "browser-tests",
        "PLEIN_DEMO": True,
        "PLEIN_SITE_DIR": str(built_site),
        "PLEIN_RATELIMIT_ENABLED": False,
        "PLEIN_ADMINS": demo_person(MODERATOR)[0],
        **service_settings,
    })
    sync(app, built_site / "plein" / "manifest.json")
    app.register_blueprint(site_blueprint(built_site))  # what `flask serve` does
    tell_after_each_write(app)
    yield app
    close_app(app)


@contextmanager
def demo_with_history(built_site: Path, data: Path, **settings: object) -> Iterator[str]:
    """The service in demo mode serving the built site, with the analytics demo's made-up history seeded, on a
    live server whose URL it yields; ``settings`` add to or override the demo's (demo roles, proxy secret)."""
    app: Flask = create_app({
        "PLEIN_DATABASE_URL": f"sqlite:///{data / 'plein.sqlite3'}",
        "PLEIN_SEARCH_DIR": str(data / "search"),
        "PLEIN_JOBS_URL": f"sqlite:///{data / 'jobs.sqlite3'}",
        "PLEIN_SECRET_KEY": "browser-tests",
        "PLEIN_DEMO": True,
        "PLEIN_SITE_DIR": str(built_site),
        "PLEIN_RATELIMIT_ENABLED": False,
        **settings,
    })
    sync(app, built_site / "plein" / "manifest.json")
    seeded = app.test_cli_runner().invoke(args=["analytics", "seed-demo"])
    assert seeded.exit_code == 0, seeded.output
    app.register_blueprint(site_blueprint(built_site))
    server = LiveServer(app)
    try:
        yield server.url
    finally:
        server.stop()
        close_app(app)


SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
"""The screens pages are looked at on: a phone (390 × 844) and a desktop."""


def demo_signed_in(browser: Browser, url: str, size: str, scheme: str, *, name: str = "Carla Communicatie",
                   javascript: bool = True) -> Page:
    """A page in a fresh context (``SIZES[size]``, colour scheme ``scheme``) signed in as the demo person ``name``."""
    context = browser.new_context(viewport=SIZES[size], color_scheme=scheme, locale="nl-NL",  # type: ignore[arg-type]
                                  java_script_enabled=javascript)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    answer = page.request.post(url + "api/demo/login", data={"name": name}, headers={"Origin": url.rstrip("/")})
    assert answer.ok, answer.text()
    return page


@pytest.fixture(scope="module")
def plein(plein_app: Flask) -> Iterator[str]:
    """One process serving the site at / and the API at /api/; yields the site's URL."""
    server = LiveServer(plein_app)
    yield server.url
    server.stop()


@pytest.fixture
def archive_page(plein_app: Flask, built_site: Path, tmp_path: Path) -> Iterator[Callable[[str], None]]:
    """`archive_page(url)` syncs a build without that page, which archives its conversation;
    the full build is synced again after the test."""
    full = built_site / "plein" / "manifest.json"

    def archive(url: str) -> None:
        manifest = json.loads(full.read_text(encoding="utf-8"))
        manifest["pages"] = [entry for entry in manifest["pages"] if entry["url"] != url]
        smaller = tmp_path / "manifest.json"
        smaller.write_text(json.dumps(manifest), encoding="utf-8")
        sync(plein_app, smaller)

    yield archive
    sync(plein_app, full)


@pytest.fixture(scope="session")
def moderator() -> str:
    """The demo name that signs in as a moderator."""
    return MODERATOR


@dataclass
class Deployment:
    """A web server in front of a running service; `service.stop()` takes the service down."""

    url: str
    service: LiveServer


@pytest.fixture
def behind_web_server(plein_app: Flask, built_site: Path) -> Iterator[Deployment]:
    """The site on its own web server, `/api/` proxied to a service that the test can stop."""
    service = LiveServer(plein_app)
    front = LiveServer(web_server(built_site, service.port))
    yield Deployment(url=front.url, service=service)
    front.stop()
    service.stop()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open pages in fresh browser contexts (a person each: own cookies); all closed after the test.
    `new_page(width=375, height=812)` opens a phone-sized one."""
    contexts = []

    def open_page(width: int = 1024, height: int = 800) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
