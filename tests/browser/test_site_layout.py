"""The built sample intranet in a real Chromium: no sideways scrolling on a phone or a desktop,
hashtags lead to their pages, and the skip link takes keyboard users straight to the content."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}


def open_page(browser: Browser, viewport: dict[str, int]) -> Page:
    return browser.new_context(viewport=viewport).new_page()


@pytest.fixture
def site_url(built_site: Path, serve_directory) -> str:
    return serve_directory(built_site)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    page = open_page(browser, PHONE)
    yield page
    page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_page_scrolls_sideways(browser: Browser, built_site: Path, site_url: str, viewport) -> None:
    manifest = json.loads((built_site / "plein" / "manifest.json").read_text(encoding="utf-8"))
    urls = sorted({""} | {entry["url"] for entry in manifest["pages"]})
    page = open_page(browser, viewport)
    too_wide = []
    for url in urls:
        page.goto(site_url + url)
        if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
            too_wide.append(url)
    page.context.close()
    assert "" in urls and too_wide == []


def test_a_hashtag_leads_to_its_page_which_lists_the_tagged_pages(phone: Page, site_url: str) -> None:
    phone.goto(site_url)
    hashtag = phone.locator("main a.hashtag").first
    label = hashtag.inner_text()
    hashtag.click()
    phone.wait_for_load_state()
    assert phone.url.startswith(site_url + "tags/")
    assert label.casefold() in phone.locator("h1").inner_text().casefold()
    listed = phone.eval_on_selector_all("main a[href]", "links => links.map(link => link.href)")
    assert site_url in listed, "the home page uses the hashtag, so its hashtag page lists it"


def test_the_skip_link_is_the_first_stop_and_focuses_main(phone: Page, site_url: str) -> None:
    phone.goto(site_url)
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.className") == "skip-link"
    box = phone.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is on screen"
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"
