""""Mijn gegevens" in Chromium: the download of everything, then erasure after the typed confirmation, which ends
the session. Screenshots of the pages (phone and desktop, light and dark) go to /tmp/shots/f/ for a person to
look at."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask
from playwright.sync_api import Browser, Page, expect

from test_snapshot import SAME_ORIGIN, say

SHOTS = Path("/tmp/shots/f")
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def _signed_in(browser: Browser, plein: str, name: str, size: str = "phone", scheme: str = "light") -> Page:
    context = browser.new_context(viewport=SIZES[size], locale="nl-NL", color_scheme=scheme, accept_downloads=True)
    assert context.request.post(plein + "api/demo/login", data={"name": name}, headers=SAME_ORIGIN).ok
    return context.new_page()


def test_download_then_erase_with_confirmation(plein_app: Flask, plein: str, browser: Browser, tmp_path: Path) -> None:
    say(plein_app, "Mira Wissen", "Mijn mening over de #kantine, die straks weg moet")
    page = _signed_in(browser, plein, "Mira Wissen")
    page.goto(plein + "me/")
    page.get_by_role("link", name="Mijn gegevens").click()
    expect(page.locator("h1")).to_have_text("Mijn gegevens")
    expect(page.locator(".plein-held")).to_contain_text("Reacties")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download al mijn gegevens (JSON)").click()
    saved = tmp_path / "mijn-gegevens.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert [row["text"] for row in data["tables"]["comments"]] == ["Mijn mening over de #kantine, die straks weg moet"]

    page.get_by_role("link", name="Verder naar wissen…").click()
    expect(page.locator("h1")).to_have_text("Weet je het zeker?")
    page.get_by_label("Bevestiging").fill("ja hoor")
    page.get_by_role("button", name="Wis alles definitief").click()
    expect(page.get_by_role("alert")).to_contain_text("Typ precies WISSEN")
    page.get_by_label("Bevestiging").fill("WISSEN")
    page.get_by_role("button", name="Wis alles definitief").click()
    expect(page.locator("h1")).to_have_text("Je gegevens zijn gewist")

    page.goto(plein + "me/data/")  # signed out: the demo session ended
    expect(page.locator("h1")).to_have_text("Eerst inloggen")
    page.context.close()


def test_screenshots_of_the_pages(plein_app: Flask, plein: str, browser: Browser) -> None:
    say(plein_app, "Sem Schermafdruk", "Een reactie om te laten zien")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        for scheme in ("light", "dark"):
            page = _signed_in(browser, plein, "Sem Schermafdruk", size, scheme)
            page.goto(plein + "me/data/")
            expect(page.locator("h1")).to_have_text("Mijn gegevens")
            assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
            page.screenshot(path=str(SHOTS / f"my-data-{size}-{scheme}.png"), full_page=True)
            page.goto(plein + "me/data/erase")
            page.screenshot(path=str(SHOTS / f"erase-{size}-{scheme}.png"), full_page=True)
            page.context.close()
