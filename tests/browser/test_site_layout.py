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
# Text that readers meet on a content page, one element of each kind (WCAG 1.4.3 asks >= 4.5:1).
TEXTS = (
    "main p", "main h1", ".site-title", ".top-nav a", ".breadcrumbs a", ".breadcrumbs [aria-current]",
    ".page-meta dt", ".page-meta dd", "article p a:not(.hashtag)", "a.hashtag",
    ".section-nav a", ".section-nav [aria-current]", ".section-nav__title", ".pager__label", ".pager a",
    ".site-footer p",
)
CONTRAST = """selectors => {
  // rgb()/rgba() give 0-255 channels; color-mix() computes to color(srgb r g b / a) with 0-1 channels
  const channels = color => {
    const numbers = color.match(/[\\d.]+/g).map(Number);
    return color.startsWith("color(") ? numbers.map((n, i) => (i < 3 ? n * 255 : n)) : numbers;
  };
  const luminance = ([r, g, b]) => {
    const linear = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const background = element => {
    for (let node = element; node; node = node.parentElement) {
      const color = channels(getComputedStyle(node).backgroundColor);
      if (color.length < 4 || color[3] > 0) return color;
    }
    return [255, 255, 255];
  };
  return selectors.map(selector => {
    const element = document.querySelector(selector);
    if (!element) return [selector, null];
    const [a, b] = [luminance(channels(getComputedStyle(element).color)), luminance(background(element))];
    return [selector, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}"""


def manifest_pages(built_site: Path) -> list[dict]:
    return json.loads((built_site / "plein" / "manifest.json").read_text(encoding="utf-8"))["pages"]


def open_page(browser: Browser, viewport: dict[str, int], color_scheme: str = "light") -> Page:
    return browser.new_context(viewport=viewport, color_scheme=color_scheme).new_page()


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
    urls = sorted({""} | {entry["url"] for entry in manifest_pages(built_site)})
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


def test_the_keyboard_focus_is_always_visible(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "richtlijnen/")
    for _ in range(12):
        phone.keyboard.press("Tab")
        outline = phone.evaluate("(e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth])"
                                 "(document.activeElement)")
        assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_is_at_least_4_5_to_1(browser: Browser, built_site: Path, site_url: str, scheme) -> None:
    """On a page in a section, with owners and hashtags, so that it shows every kind of text."""
    url = next(entry["url"] for entry in manifest_pages(built_site)
               if entry["owners"] and entry["hashtags"] and entry["url"].count("/") == 2)
    page = open_page(browser, DESKTOP, scheme)
    page.goto(site_url + url)
    ratios = dict(page.evaluate(CONTRAST, list(TEXTS)))
    page.context.close()
    missing = [selector for selector, ratio in ratios.items() if ratio is None]
    assert missing == [], "every kind of text is on the page"
    assert {selector: round(ratio, 2) for selector, ratio in ratios.items() if ratio < 4.5} == {}


def test_the_colour_scheme_toggle_overrides_the_system_and_is_remembered(phone: Page, site_url: str) -> None:
    background = "getComputedStyle(document.body).backgroundColor"
    phone.goto(site_url)
    toggle = phone.locator(".scheme-toggle")
    light = phone.evaluate(background)
    assert toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    dark = phone.evaluate(background)
    assert dark != light and toggle.get_attribute("aria-pressed") == "true"
    phone.goto(site_url + "tags/")
    assert phone.evaluate(background) == dark, "the choice holds on the next page"
    phone.locator(".scheme-toggle").click()
    assert phone.evaluate(background) == light
