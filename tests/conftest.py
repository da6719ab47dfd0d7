"""Fixtures shared by every part of the suite: a free port, a static file server, a real Chromium, and through the
plugin ``tests/service/fixtures.py`` the comments service's app on SQLite and PostgreSQL with people acting in it.

The folders whose helper modules other folders import (``service_helpers``, ``mail_helpers``, ``pages_helpers``)
go on the path here, once, so every folder imports them by the same name.
"""

from __future__ import annotations

import http.server
import os
import random
import shutil
import socket
import sys
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO_ROOT / "tests" / folder) for folder in ("service", "notifications", "pages")]
pytest_plugins = ["tests.service.fixtures", "tests.notifications.fixtures"]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
"""The pytest-xdist worker this process is (``gw0``, ``gw1``, ...), empty when the suite runs in one process."""


def worker_number() -> int:
    """0 for the first pytest-xdist worker (or a run without workers), 1 for the second, and so on: what the
    workers share outside their temporary folders (a Redis database) they tell apart by it."""
    return int(XDIST_WORKER.removeprefix("gw") or 0)


def free_port() -> int:
    """Ask the kernel for a port on 127.0.0.1 that nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session", autouse=True)
def instance_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Flask's instance folder of every app the tests start, in this process or a child: one of the run's (and
    the worker's) own instead of the repository's ``instance/``, where the workers would share a job queue, a
    search index and a migration lock."""
    folder = tmp_path_factory.mktemp("instance")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLEIN_INSTANCE_DIR", str(folder))
        yield folder


EPHEMERAL_PORTS = Path("/proc/sys/net/ipv4/ip_local_port_range")
PORTS_PER_WORKER = 1000


def port_outside_the_ephemeral_range() -> int:
    """A free port on 127.0.0.1 below the kernel's ephemeral range, in a slice of its own per pytest-xdist worker.

    The kernel never hands such a port to a socket that binds port 0 or connects out, so it stays free while the
    test's own server is down (a test takes it down and brings it back) or while nobody may listen there; a port
    of `free_port` may meanwhile go to any server or connection of another worker."""
    low = int(EPHEMERAL_PORTS.read_text().split()[0]) if EPHEMERAL_PORTS.exists() else 32768
    first = max(1024, low - 12 * PORTS_PER_WORKER) + worker_number() % 12 * PORTS_PER_WORKER
    for port in random.sample(range(first, first + PORTS_PER_WORKER), PORTS_PER_WORKER):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return free_port()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class _StaticServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page drops its pending requests: not an error worth a traceback in the log."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture
def serve_directory() -> Iterator:
    """Return a function that serves a folder on 127.0.0.1 and gives its base URL; stopped after the test."""
    servers: list[_StaticServer] = []

    def start(directory: Path) -> str:
        handler = partial(_QuietHandler, directory=str(directory))
        server = _StaticServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make test`, which installs it with apt-get")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample intranet built once per run with `mkdocs build --strict`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tmp_path_factory.mktemp("site")
    config = load_config(str(REPO_ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    build(config)
    return site_dir


@pytest.fixture
def scratch_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the sample content, for tests that change files."""
    target = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", target)
    return target
