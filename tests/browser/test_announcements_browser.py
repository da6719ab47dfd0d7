"""Announcements and department accounts in Chromium against the real service (the Dutch sample intranet, whose
news pages "Plein is live" and "Verbouwing kantoor Lagedijk" announce themselves): the banner leaves for the
reader who dismissed or opened it and stays for another; a member posts as the department, at phone and desktop
size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Locator, Page, expect

from comments_service import create_app
from comments_service.devserver import site_blueprint
from test_widget import NewPage, open_signed_in, post
from service_helpers import close_app
from tests.browser.conftest import LiveServer, sync

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LIVE = "Plein is live"


@pytest.fixture(scope="module")
def plein(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service in demo mode with HR as a department account that every demo login is a member of."""
    data = tmp_path_factory.mktemp("announcements")
    app: Flask = create_app({
        "PLEIN_DATABASE_URL": f"sqlite:///{data / 'plein.sqlite3'}",
        "PLEIN_SEARCH_DIR": str(data / "search"),
        "PLEIN_SECRET_KEY": "browser-tests",
        "PLEIN_DEMO": True,
        "PLEIN_SITE_DIR": str(built_site),
        "PLEIN_RATELIMIT_ENABLED": False,
        "PLEIN_DEPARTMENTS": "hr=HR",
        "PLEIN_DEMO_DEPARTMENTS": "hr",
    })
    sync(app, built_site / "plein" / "manifest.json")
    app.register_blueprint(site_blueprint(built_site))
    server = LiveServer(app)
    yield server.url
    server.stop()
    close_app(app)


def banners(page: Page) -> Locator:
    """The announcement banners on top of the page."""
    return page.locator("aside.plein-announcement")


def test_the_banner_leaves_for_one_reader_and_stays_for_another(plein: str, new_page: NewPage) -> None:
    url = plein + "richtlijnen/online-samenwerken/"
    anna = open_signed_in(new_page, url, "Anna Aankondiging", **DESKTOP)
    bram = open_signed_in(new_page, url, "Bram Banner", **PHONE)
    for reader in (anna, bram):
        expect(banners(reader)).to_have_count(2)
    live = banners(anna).filter(has_text=LIVE)
    expect(live.get_by_role("link", name="Lees meer")).to_have_attribute("href", "/nieuws/2026-01-12-plein-is-live/")
    live.get_by_role("button", name="Gelezen, verbergen").click()
    expect(banners(anna).filter(has_text=LIVE)).to_have_count(0)
    anna.reload()
    expect(banners(anna)).to_have_count(1)
    bram.reload()
    expect(banners(bram)).to_have_count(2)
    scroll = bram.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert scroll <= 0, "no horizontal scroll on a phone"

    banners(anna).get_by_role("link", name="Lees meer").click()  # opening the announced page counts as seen
    expect(anna).to_have_url(plein + "nieuws/2026-09-01-verbouwing-kantoor-lagedijk/")
    expect(anna.locator(".plein-account")).to_be_visible()
    expect(banners(anna)).to_have_count(0)
    anna.goto(url)
    expect(anna.locator(".plein-account")).to_be_visible()
    expect(banners(anna)).to_have_count(0)
    bram.goto(plein)
    expect(banners(bram)).to_have_count(2)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_post_as_the_department(plein: str, new_page: NewPage, size: str) -> None:
    viewport = PHONE if size == "phone" else DESKTOP
    url = plein + ("teams/hr/" if size == "phone" else "richtlijnen/privacy/")
    henk = open_signed_in(new_page, url, f"Henk HR {size}", **viewport)
    henk.get_by_label("Schrijf als").select_option(label="HR")
    mine = post(henk, f"De nieuwe verlofregeling gaat in per 1 maart ({size}).")
    expect(mine.locator("header strong")).to_have_text("HR")
    expect(mine.locator("header")).to_contain_text(f"(Henk HR {size})")  # the writer sees who wrote it

    reader = open_signed_in(new_page, url, f"Rita Reader {size}", **viewport)
    theirs = reader.locator("article.plein-comment").filter(has_text="verlofregeling")
    expect(theirs.locator("header strong")).to_have_text("HR")
    expect(theirs.locator("header")).not_to_contain_text("Henk")
