"""A hashtag that only comments use has no built page, yet its link leads to everything tagged with it."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from test_search_browser import results, until_listed
from test_widget import open_signed_in, post

NewPage = Callable[..., Page]


def test_a_hashtag_only_comments_use_lists_its_comments(plein: str, new_page: NewPage) -> None:
    reader = open_signed_in(new_page, plein + "teams/facilitair/", "Lotte Janssen")
    comment = post(reader, "De fietsenstalling staat vol #fietsplan2027")
    comment.locator("a.hashtag").click()

    expect(reader).to_have_url(plein + "tags/fietsplan2027/")
    expect(reader.locator("h1")).to_have_text("#fietsplan2027")
    until_listed(reader, results(reader, "comment").filter(has_text="De fietsenstalling staat vol"))
    expect(reader.locator("#plein-not-found")).to_be_hidden()
