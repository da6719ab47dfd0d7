"""The widget's polish (issue 11, part 4) in Debian's Chromium against the real service: its messages in the page's
language (Dutch and English) for a blank comment and for one of 10 KB or 100 KB, the limit shown before it is hit,
plain URLs as links and right-to-left text in order, reaction buttons with names and who reacted."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import expect

from test_snapshot import say
from test_widget import NewPage, as_english, comment, open_signed_in, post, serve_page_changed, sign_in, submit

pytestmark = pytest.mark.browser

WORDS = {
    "nl": {"field": "Je reactie", "blank": "Schrijf eerst iets.", "long": "Een reactie heeft hoogstens 5000 tekens.",
           "count": "4100 van 5000 tekens", "over": "5001 van 5000 tekens"},
    "en": {"field": "Your comment", "blank": "Write something first.", "long": "A comment has at most 5000 characters.",
           "count": "4100 of 5000 characters", "over": "5001 of 5000 characters"},
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_widgets_messages_are_in_the_pages_language(plein: str, new_page: NewPage, language: str) -> None:
    words = WORDS[language]
    page = new_page(width=390, height=844)
    if language == "en":
        serve_page_changed(page, as_english)
    page.goto(plein + "richtlijnen/sociale-media/")
    if language == "en":
        page.get_by_label("Choose a name to join in").fill("Kim Lee")
        page.get_by_role("button", name="Sign in").click()
    else:
        sign_in(page, "Kim de Vries")
    field = page.get_by_label(words["field"], exact=True)
    submit(page, words["field"], "  \n  ")
    expect(page.get_by_role("alert")).to_have_text(words["blank"])
    counter = page.locator(f"#{field.get_attribute('aria-describedby')}")
    field.fill("x" * 3000)
    expect(counter).to_be_empty()
    field.fill("x" * 4100)
    expect(counter).to_have_text(words["count"])
    field.fill("x" * 5001)
    expect(counter).to_have_text(words["over"])
    for size in (10_000, 100_000):
        submit(page, words["field"], "x" * size)
        expect(page.get_by_role("alert")).to_have_text(words["long"])
        expect(field).to_have_value("x" * size)  # nothing the reader wrote is lost


def test_links_right_to_left_text_and_who_reacted(plein: str, new_page: NewPage) -> None:
    page = open_signed_in(new_page, plein + "richtlijnen/sociale-media/", "Noor Haddad")
    posted = post(page, "مرحبا #wol zie https://example.nl/plein.")
    body = posted.locator(".plein-body")
    expect(body).to_have_attribute("dir", "auto")
    expect(body.get_by_role("link", name="https://example.nl/plein")).to_have_attribute("href", "https://example.nl/plein")
    assert page.locator("textarea").first.get_attribute("dir") == "auto"
    thumbs = posted.get_by_role("button", name="Reageer met 👍", exact=True)
    expect(thumbs).to_be_visible()
    who = posted.get_by_role("button", name="Wie reageerde?")
    expect(who).to_be_hidden()
    thumbs.click()
    expect(posted.get_by_role("button", name="Reageer met 👍 1", exact=True)).to_have_attribute("aria-pressed", "true")
    other = open_signed_in(new_page, plein + "richtlijnen/sociale-media/", "Sam Stam")
    comment(other, "مرحبا").get_by_role("button", name="Reageer met 👍 1", exact=True).click()
    theirs = comment(other, "مرحبا")
    expect(theirs.get_by_role("button", name="Reageer met 👍 2", exact=True)).to_have_attribute("aria-pressed", "true")
    theirs.get_by_role("button", name="Wie reageerde?").click()
    expect(theirs.get_by_role("button", name="Wie reageerde?")).to_have_attribute("aria-expanded", "true")
    expect(theirs.locator(".plein-reactions > p")).to_have_text("👍 Noor Haddad, Sam Stam")
    theirs.get_by_role("button", name="Reageer met 🎉", exact=True).click()  # the open list follows the change
    expect(theirs.locator(".plein-reactions > p")).to_have_text("👍 Noor Haddad, Sam Stam · 🎉 Sam Stam")
    expect(theirs.get_by_role("button", name="Wie reageerde?")).to_have_attribute("aria-expanded", "true")


def test_under_many_comments_a_button_leads_to_the_form(plein_app: Flask, plein: str, new_page: NewPage) -> None:
    page_id = "nieuws/2026-03-04-hoogwateroefening-maas"
    page = open_signed_in(new_page, plein + page_id + "/", "Iris Veld", width=390, height=844)
    expect(page.get_by_role("button", name="Schrijf een reactie")).to_have_count(0)  # the form is in sight
    for number in range(4):
        say(plein_app, f"Collega {number}", f"Reactie {number}: " + "een verhaal over de oefening. " * 8,
            page_id=page_id)
    page.reload()
    jump = page.get_by_role("button", name="Schrijf een reactie")
    jump.click()
    field = page.get_by_label("Je reactie", exact=True)
    expect(field).to_be_focused()
    expect(field).to_be_in_viewport()
    post(page, "Ik was er ook bij.")
