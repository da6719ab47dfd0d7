"""The test OpenID provider (node-oidc-provider on 127.0.0.1) and a browser's part of a login there, spoken in
plain HTTP: follow its redirects, fill in its development login and consent forms, stop where it sends the
browser back to the site."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import requests

from tests.conftest import free_port

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


_FORM_ACTION = re.compile(r'<form[^>]*action="([^"]+)"')


def sign_in_at_provider(authorize_url: str, login: str, stop_at: str, session: requests.Session | None = None) -> str:
    """Walk from the provider's authorization address through login and consent; the address back to the site."""
    browser = session or requests.Session()
    url, form = authorize_url, None
    for _ in range(12):  # login, consent and the redirects between them take fewer steps
        if form is None:
            answer = browser.get(url, allow_redirects=False, timeout=10)
        else:
            answer = browser.post(url, data=form, allow_redirects=False, timeout=10)
        form = None
        if answer.is_redirect:
            url = urljoin(url, answer.headers["Location"])
            if url.startswith(stop_at):
                return url
            continue
        action = _FORM_ACTION.search(answer.text)
        if action is None:
            raise AssertionError(f"the provider answered {answer.status_code} without a form: {answer.text[:500]}")
        url = urljoin(url, action.group(1).replace("&amp;", "&"))
        prompt = re.search(r'name="prompt" value="(\w+)"', answer.text)
        form = {"prompt": prompt.group(1) if prompt else "consent", "login": login, "password": "any"}
    raise AssertionError("the provider never sent the browser back")
