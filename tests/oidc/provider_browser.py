"""A browser's part of a login at the test provider, spoken in plain HTTP: follow its redirects, fill in its
development login and consent forms, and stop where it sends the browser back to the site."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import requests

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
