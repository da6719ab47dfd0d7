"""The service's own pages in a real browser with JavaScript off, at phone size: a people page and its Follow
button, the notifications page and its forms. They wear the built site's frame."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from comments_service.identity import demo_person
from test_snapshot import PAGE_ID, SAME_ORIGIN, say

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def signed_in_without_javascript(browser: Browser, plein: str) -> Iterator:
    """`open_as(name)`: a phone-sized page with JavaScript off, signed in as `name` (the cookie set by a request)."""
    contexts = []

    def open_as(name: str) -> Page:
        context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="nl-NL")
        contexts.append(context)
        answer = context.request.post(plein + "api/demo/login", data={"name": name}, headers=SAME_ORIGIN)
        assert answer.ok
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


def fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_people_page_and_following_without_javascript(plein_app: Flask, plein: str,
                                                         signed_in_without_javascript) -> None:
    say(plein_app, "Noor Pagina", "Wie werkt er mee aan het #WOL-verslag?")
    page = signed_in_without_javascript("Ravi Volger")
    page.goto(plein + f"people/{quote(demo_person('Noor Pagina')[0], safe='')}/")
    expect(page.locator("h1")).to_have_text("Noor Pagina")
    expect(page.locator(".site-header")).to_be_visible()  # the built site's frame
    expect(page.locator(".plein-stream li").first).to_contain_text("Wie werkt er mee")
    expect(page.locator("a.hashtag")).to_have_text("#wol-verslag")
    page.get_by_role("button", name="Volgen").click()
    expect(page.get_by_role("button", name="Niet meer volgen")).to_be_visible()
    fits_the_phone(page)


def test_the_notifications_page_without_javascript(plein_app: Flask, plein: str,
                                                   signed_in_without_javascript) -> None:
    question = say(plein_app, "Noor Vraag", "Weet iemand hoe de agenda werkt?")
    say(plein_app, "Ravi Antwoord", "Ja, via de startpagina.", parent_id=question)
    say(plein_app, "Eva Noemer", "@noor-vraag kijk hier eens naar")
    page = signed_in_without_javascript("Noor Vraag")
    page.goto(plein + "me/notifications/")
    expect(page.locator("h1")).to_have_text("Meldingen")
    items = page.locator(".plein-notifications__list li")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Eva Noemer noemde je")
    expect(items.first.locator("blockquote")).to_have_text("@Noor Vraag kijk hier eens naar")  # as rendered
    expect(items.nth(1).locator("blockquote")).to_have_text("Ja, via de startpagina.")
    fits_the_phone(page)
    items.first.get_by_role("button").click()
    expect(page.locator(".plein-notifications__unread")).to_have_count(1)
    items.nth(1).locator("a").click()  # following the reply's link reads it and shows the reply in its page
    expect(page).to_have_url(f"{plein}{PAGE_ID}/#comment-{question + 1}")
    page.go_back()
    page.reload()
    expect(page.locator(".plein-notifications__unread")).to_have_count(0)
    expect(page.get_by_text("0 ongelezen")).to_be_visible()
    expect(page.get_by_role("button", name="Alles als gelezen markeren")).to_have_count(0)
