"""Questions in the widget, in Chromium against the real service: ask, answer, mark the best answer, at phone
and desktop size (Dutch sample intranet, a page of the `vragen` section per test)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from test_widget import NewPage, open_signed_in, reply, submit

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PAGES = {"phone": "vragen/declaraties/", "desktop": "vragen/plein-gebruiken/"}


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_ask_answer_and_mark_the_best_answer(plein: str, new_page: NewPage, size: str) -> None:
    url = plein + PAGES[size]
    asker = open_signed_in(new_page, url, f"Vera Vraag {size}", **SIZES[size])
    asker.get_by_label("Vraag stellen").check()
    submit(asker, "Je reactie", f"Hoe declareer ik een treinkaartje? ({size})")
    question = asker.locator("article.plein-comment").filter(has_text="treinkaartje")
    expect(question.locator(".plein-badge")).to_have_text("Open vraag")

    helper = open_signed_in(new_page, url, f"Hans Helper {size}", **SIZES[size])
    first = reply(helper, helper.locator("article.plein-comment").filter(has_text="treinkaartje"), "Via het portaal.")
    expect(first.get_by_role("button", name="Beste antwoord")).to_have_count(0)  # answering gives no right to mark
    asker.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # the 30 s refresh, at once
    expect(question.locator(".plein-badge")).to_have_text("Beantwoord")  # the asker sees it answered, no reload
    reply(helper, helper.locator("article.plein-comment").filter(has_text="treinkaartje"), "Of bij de balie.")

    asker.reload()
    expect(question.locator(".plein-badge")).to_have_text("Beantwoord")
    later = asker.locator(".plein-replies article").filter(has_text="Of bij de balie.")
    later.get_by_role("button", name="Beste antwoord").click()
    expect(question.locator(".plein-badge")).to_have_text("Opgelost")
    best = asker.locator(".plein-replies article").first  # the best answer right under the question
    expect(best).to_contain_text("Of bij de balie.")
    expect(best.locator(".plein-badge")).to_have_text("Beste antwoord")
    expect(best.get_by_role("button", name="Toch niet het beste antwoord")).to_be_visible()
    scroll = asker.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert scroll <= 0, "no horizontal scroll"
