"""Signing in with OpenID Connect in Debian's Chromium: the widget's link, the provider's own login page, back
on the page signed in, a comment, and signing out at the provider too."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from comments_service import create_app
from comments_service.devserver import site_blueprint
from oidc_helpers import running_provider
from service_helpers import close_app
from tests.browser.conftest import LiveServer, new_page, sync  # noqa: F401 - new_page is a fixture

pytestmark = pytest.mark.browser


@pytest.fixture
def site_with_login(built_site: Path, tmp_path: Path) -> Iterator[str]:
    """The sample site and the service in one process, signing people in at a real provider; yields its URL."""
    holder: dict[str, Flask] = {}
    server = LiveServer(lambda environ, start_response: holder["app"](environ, start_response))
    site = server.url
    clients = [{"client_id": "plein", "client_secret": "s3cret", "redirect_uris": [f"{site}api/auth/callback"],
                "post_logout_redirect_uris": [site]}]
    with running_provider(clients, tmp_path) as issuer:
        app = create_app({
            "PLEIN_DATABASE_URL": f"sqlite:///{tmp_path / 'plein.sqlite3'}", "PLEIN_SEARCH_DIR": str(tmp_path / "s"),
            "PLEIN_SECRET_KEY": "browser-login", "PLEIN_SITE_DIR": str(built_site), "PLEIN_SITE_URL": site,
            "PLEIN_RATELIMIT_ENABLED": False, "PLEIN_OIDC_ISSUER": issuer, "PLEIN_OIDC_CLIENT_ID": "plein",
            "PLEIN_OIDC_CLIENT_SECRET": "s3cret", "PLEIN_OIDC_SCOPES": "openid profile email groups",
        })
        sync(app, built_site / "plein" / "manifest.json")
        app.register_blueprint(site_blueprint(built_site))
        holder["app"] = app
        yield site
        close_app(app)
    server.stop()


def test_sign_in_at_the_provider_comment_and_sign_out(
    site_with_login: str, new_page: Callable[..., Any]  # noqa: F811 - the fixture imported above
) -> None:
    page: Page = new_page(width=390, height=844)
    page.goto(site_with_login + "richtlijnen/huisstijl/")
    page.get_by_role("link", name="Aanmelden").click()
    page.locator("input[name=login]").fill("sanne")
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()  # the provider asks consent for Plein once
    expect(page).to_have_url(site_with_login + "richtlijnen/huisstijl/")
    expect(page.locator(".plein-account")).to_contain_text("Sanne de Vries")
    page.get_by_label("Je reactie").fill("Aangemeld via OpenID Connect.")
    page.get_by_role("button", name="Plaatsen").click()
    expect(page.locator(".plein-comments")).to_contain_text("Aangemeld via OpenID Connect.")
    page.get_by_role("button", name="Afmelden").click()
    page.get_by_role("button", name="Yes, sign me out").click()  # the provider's own confirmation
    expect(page).to_have_url(re.compile(re.escape(site_with_login) + r"(\?state=\w+)?$"))  # back on the home page
    page.goto(site_with_login + "richtlijnen/huisstijl/")
    expect(page.get_by_role("link", name="Aanmelden")).to_be_visible()
