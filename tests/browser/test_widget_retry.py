"""A comment whose answer is lost on the way is sent again by the widget and made once (issue 15)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Route, expect
from test_widget import comment, open_signed_in, post

pytestmark = pytest.mark.browser
NewPage = Callable[..., Page]


def test_a_comment_whose_answer_was_lost_is_sent_again_with_its_key_and_made_once(
    plein: str, new_page: NewPage
) -> None:
    page = open_signed_in(new_page, plein + "richtlijnen/huisstijl/", "Rik Retry")
    sent: list[str | None] = []

    def lose_the_first_answer(route: Route) -> None:
        sent.append(route.request.headers.get("idempotency-key"))
        if len(sent) == 1:
            route.fetch()  # the service gets the comment and makes it...
            route.abort("connectionreset")  # ...but its answer never arrives
        else:
            route.continue_()

    page.route("**/api/pages/**/comments", lose_the_first_answer)
    posted = post(page, "Dit antwoord raakte onderweg zoek.")
    assert len(sent) == 2 and sent[0] and sent[0] == sent[1]  # sent again, with the same key
    page.unroute("**/api/pages/**/comments")
    page.reload()
    expect(comment(page, "Dit antwoord raakte onderweg zoek.")).to_have_count(1)
    assert posted.get_attribute("id")
