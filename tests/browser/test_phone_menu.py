"""The phone's menu (issue 11, part 4) in Debian's Chromium on the built sample intranet: at 390 x 844 the header
stays within 120 px, a menu button opens every section (with and without JavaScript), the current section's menu
comes with it instead of at the page's end, a desktop shows the sections as a row, and the focus ring is not the
colour of an error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MENU = ".top-nav-menu > summary"


@pytest.fixture
def site_url(built_site: Path, serve_directory) -> str:
    return serve_directory(built_site)


@pytest.fixture(params=[True, False], ids=["javascript", "no javascript"])
def phone(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=request.param, locale="nl-NL")
    yield context.new_page()
    context.close()


def header_height(page: Page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


def menu_links(page: Page) -> list[str]:
    return page.eval_on_selector_all(".top-nav a", "links => links.map(link => link.href)")


def test_a_phone_reaches_every_section_from_the_menu(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "teams/it/")
    assert header_height(phone) <= 120
    sections = menu_links(phone)
    assert len(sections) == 7 and site_url + "tags/" in sections, "six sections and the hashtags"
    expect(phone.locator(".top-nav")).to_be_hidden()
    for index, target in enumerate(sections):
        phone.locator(MENU).click()
        link = phone.locator(".top-nav a").nth(index)
        expect(link).to_be_in_viewport()
        link.click()
        phone.wait_for_url(target)
        expect(phone.locator("main h1")).to_be_visible()
        assert header_height(phone) <= 120, target
        assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth"), target


def test_the_section_menu_opens_with_the_menu_above_the_page(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "teams/it/")
    section_menu = phone.locator("nav.section-nav")
    expect(section_menu).to_be_hidden()
    phone.locator(MENU).click()
    expect(section_menu).to_be_visible()
    expect(section_menu.get_by_role("link", name="Team HR")).to_be_in_viewport()
    assert section_menu.bounding_box()["y"] < phone.locator("main h1").bounding_box()["y"]
    assert phone.locator(MENU).get_attribute("aria-label") is None  # named by its (visually hidden) text
    expect(phone.locator(MENU)).to_have_text("Hoofdmenu")
    phone.locator(MENU).click()
    expect(section_menu).to_be_hidden()


def test_a_desktop_shows_the_sections_as_a_row_beside_no_button(browser: Browser, site_url: str) -> None:
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(site_url + "teams/it/")
    expect(page.locator(MENU)).to_be_hidden()
    links = page.locator(".top-nav a")
    expect(links.first).to_be_visible()
    tops = {round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(links.count()))}
    assert len(tops) == 1, "one row"
    expect(page.locator("nav.section-nav")).to_be_visible()
    assert page.locator("nav.section-nav").bounding_box()["x"] < page.locator("main h1").bounding_box()["x"]
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_is_not_the_colour_of_an_error(browser: Browser, site_url: str, scheme: str) -> None:
    page = browser.new_context(viewport=PHONE, color_scheme=scheme).new_page()
    page.goto(site_url + "teams/it/")
    page.locator("main a").first.focus()
    ring, error = page.evaluate("""() => {
      const probe = document.createElement("span");
      probe.style.color = "var(--plein-error)";
      document.body.append(probe);
      return [getComputedStyle(document.activeElement).outlineColor, getComputedStyle(probe).color];
    }""")
    assert ring != error
    red, green, blue = (int(part) for part in ring[ring.index("(") + 1:ring.index(")")].split(",")[:3])
    assert not (red > green + 60 and red > blue + 60), f"{ring} reads as an error's red or orange"
    page.context.close()
