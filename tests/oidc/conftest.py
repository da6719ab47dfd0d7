"""Fixtures for OpenID Connect login: a real OpenID provider on 127.0.0.1 and the service configured for it.

The provider is node-oidc-provider (OpenID Certified) with its development login pages, installed by
``make test`` into ``tests/oidc/provider/node_modules``; the service tests' app (SQLite and PostgreSQL) is
configured for it through ``folder_settings``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "service"))

from tests.conftest import free_port  # noqa: E402
from tests.service.conftest import app, client, clock, database_url, page, settings, sync  # noqa: E402,F401

PROVIDER_DIR = Path(__file__).resolve().parent / "provider"
SITE = "http://intranet.test"
CALLBACK = f"{SITE}/api/auth/callback"
CLIENTS = [
    {"client_id": "plein", "client_secret": "plein-secret", "redirect_uris": [CALLBACK],
     "post_logout_redirect_uris": [f"{SITE}/"]},
    {"client_id": "other-app", "client_secret": "other-secret", "redirect_uris": [CALLBACK]},
]


@contextmanager
def running_provider(clients: list[dict[str, Any]], folder: Path) -> Iterator[str]:
    """node-oidc-provider on a free port of 127.0.0.1 for ``clients``; its issuer address once it answers its
    discovery document (at most 20 s); stopped after the block."""
    node = shutil.which("node")
    if node is None or not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("the test OpenID provider is not installed: run `make test` (npm ci in tests/oidc/provider)")
    clients_file = folder / "clients.json"
    clients_file.write_text(json.dumps(clients))
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([node, "provider.mjs", str(port), str(clients_file)], cwd=PROVIDER_DIR,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the OpenID provider did not start: {process.stderr.read().decode()[-2000:]}")
                time.sleep(0.1)
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


@pytest.fixture(scope="session")
def openid_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The provider of the service tests, its clients at the site ``http://intranet.test/``."""
    with running_provider(CLIENTS, tmp_path_factory.mktemp("oidc")) as issuer:
        yield issuer


@pytest.fixture
def folder_settings(openid_provider: str) -> dict[str, Any]:
    """The service signs people in with the provider, on the site ``http://intranet.test/``."""
    return {
        "PLEIN_OIDC_ISSUER": openid_provider,
        "PLEIN_OIDC_CLIENT_ID": "plein",
        "PLEIN_OIDC_CLIENT_SECRET": "plein-secret",
        "PLEIN_OIDC_SCOPES": "openid profile email groups",
        "PLEIN_MODERATOR_GROUPS": "moderatoren",
    }
