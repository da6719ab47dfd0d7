"""The widget loads what a page needs: a signed-in reader's page (announcements read) fetches widget.js and widget.css
only; the parts loaded on use (widget-more.js) come when the reader starts writing, and the @ autocomplete works at
once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from test_widget import open_signed_in

pytestmark = pytest.mark.browser
NewPage = Callable[..., Page]


def test_a_reader_loads_the_writers_parts_only_when_writing(plein: str, new_page: NewPage) -> None:
    open_signed_in(new_page, plein + "training/werken-met-open-deur/", "Lotte Lezer").close()  # a colleague to find
    page = open_signed_in(new_page, plein + "richtlijnen/privacy/", "Ruben Reader")
    banners = page.locator(".plein-announcement")  # the content's announcements: read once, then gone
    expect(banners.first).to_be_visible()
    for remaining in range(banners.count(), 0, -1):
        banners.first.get_by_role("button", name="Gelezen, verbergen").click()
        expect(banners).to_have_count(remaining - 1)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.reload()
    expect(page.get_by_label("Je reactie")).to_be_visible()
    assert not [url for url in fetched if url.endswith("widget-more.js")], "a reading visit fetches no writer's parts"
    assert [url for url in fetched if url.endswith("widget.js")]

    field = page.get_by_label("Je reactie")
    field.click()
    field.press_sequentially("Vraag aan @lot")
    expect(page.get_by_role("option", name="Lotte Lezer")).to_be_visible()
    assert [url for url in fetched if url.endswith("widget-more.js")]
