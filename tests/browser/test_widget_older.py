"""A long conversation in the widget, in Chromium: the newest comments first, "Eerdere reacties (n)" brings the
ones before into their places, and a link to an old comment loads back until it is shown (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from test_widget import NewPage

pytestmark = pytest.mark.browser

PAGE_ID = "richtlijnen/huisstijl"
PAGE_SIZE = 3
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
SHOTS = Path("/tmp/shots/older")


@pytest.fixture(scope="module")
def service_settings() -> dict[str, object]:
    return {"PLEIN_THREAD_PAGE_SIZE": PAGE_SIZE}


@pytest.fixture(scope="module")
def conversation(plein_app: Flask) -> list[int]:
    """Eight comments on the page, the second a reply to the first and the last a late reply to the first."""
    client = plein_app.test_client()
    login = client.post("/api/demo/login", json={"name": "Lotte Lang"}, headers=SAME_ORIGIN)
    headers = {**SAME_ORIGIN, "X-CSRF-Token": login.get_json()["csrf_token"]}
    made: list[int] = []
    for n in range(8):
        parent = made[0] if n in (1, 7) else None
        answer = client.post(f"/api/pages/{PAGE_ID}/comments", json={"text": f"Bericht nummer {n}", "parent_id": parent},
                             headers=headers)
        assert answer.status_code == 201, answer.get_json()
        made.append(answer.get_json()["id"])
    return made


def shown(page: Page) -> list[str]:
    """The comments the widget shows, in their order on the page."""
    return page.locator("article.plein-comment .plein-body").all_inner_texts()


def test_earlier_comments_come_into_their_places(plein: str, new_page: NewPage, conversation: list[int]) -> None:
    page = new_page(width=390, height=844)
    page.goto(plein + PAGE_ID + "/")
    expect(page.locator("#plein-social h2")).to_contain_text("(8)")  # shown and not yet loaded
    # the three newest, and the first comment above the late reply to it
    expect(page.locator("article.plein-comment")).to_have_count(4)
    assert shown(page) == ["Bericht nummer 0", "Bericht nummer 7", "Bericht nummer 5", "Bericht nummer 6"]
    earlier = page.locator("button.plein-older")
    expect(earlier).to_have_text("Eerdere reacties (4)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone-before.png"), full_page=True)
    earlier.click()
    expect(page.locator("article.plein-comment")).to_have_count(7)
    expect(earlier).to_have_text("Eerdere reacties (1)")
    earlier.click()
    expect(page.locator("article.plein-comment")).to_have_count(8)
    expect(earlier).to_be_hidden()
    assert shown(page) == [f"Bericht nummer {n}" for n in (0, 1, 7, 2, 3, 4, 5, 6)], "replies under their comment"
    expect(page.locator("#plein-social h2")).to_contain_text("(8)")
    page.screenshot(path=str(SHOTS / "phone-after.png"), full_page=True)


def test_a_link_to_an_old_comment_loads_back_until_it_is_shown(
    plein: str, new_page: NewPage, conversation: list[int]
) -> None:
    page = new_page()
    page.goto(f"{plein}{PAGE_ID}/#comment-{conversation[2]}")
    target = page.locator(f"#comment-{conversation[2]}")
    expect(target).to_be_focused()
    expect(target).to_have_class("plein-comment plein-visible plein-target")
    page.emulate_media(color_scheme="dark")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "desktop-dark-target.png"))
