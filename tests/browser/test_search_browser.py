"""Search and hashtags in Chromium against the real comments service on the built sample intranet (Dutch):
a hashtag in a comment leads to the hashtag page, whose list holds that comment and leads back to it; the
search page finds pages and comments; trending hashtags show on the home page; all of it fits a phone."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, Response, expect
from test_widget import open_signed_in, post

pytestmark = pytest.mark.browser

NewPage = Callable[..., Page]  # the `new_page` fixture: opens a page in a fresh browser context
PHONE = {"width": 375, "height": 812}
INDEX_DELAY_S = 2  # a comment is findable in search within 2 s (design notes)


def _is_search_answer(response: Response) -> bool:
    """search.js's request, or the service's own results or hashtag page (answered as HTML, without JavaScript)."""
    served = response.request.resource_type == "document" and ("/search/?" in response.url or "/tags/" in response.url)
    return served or "/api/hashtags/" in response.url or "/api/search?" in response.url


def until_listed(page: Page, found: Locator) -> None:
    """Reload `page` until `found` is listed: the search index takes a new comment within INDEX_DELAY_S.

    Each round waits for the page's search request itself, not for its status line: a hashtag page whose
    tag has nothing indexed yet keeps the build's list and says nothing.
    """
    deadline = time.monotonic() + INDEX_DELAY_S + 3
    while not found.count() and time.monotonic() < deadline:
        page.wait_for_timeout(300)
        with page.expect_response(_is_search_answer):
            page.reload()
        page.wait_for_timeout(100)  # the answer's rendering
    expect(found.first).to_be_visible()


def results(page: Page, kind: str = "") -> Locator:
    return page.locator(f"ol.plein-tagged > li.plein-result{'--' + kind if kind else ''}")


def header_search(page: Page, text: str) -> None:
    page.locator("header").get_by_label("Zoek in pagina's en reacties").fill(text)
    page.locator("header").get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"/search/\?q="))  # the service's results page


def assert_no_horizontal_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_hashtag_in_a_comment_leads_to_its_page_which_lists_the_comment_and_leads_back(
    plein: str, new_page: NewPage
) -> None:
    anna = open_signed_in(new_page, plein + "richtlijnen/huisstijl/", "Anna de Vries", **PHONE)
    posted = post(anna, "Het nieuwe logo past goed bij #huisstijl, vindt de kleurcommissie.")
    comment_id = posted.get_attribute("id")
    posted.get_by_role("link", name="#huisstijl").click()

    expect(anna).to_have_url(plein + "tags/huisstijl/")
    found = results(anna, "comment").filter(has_text="kleurcommissie")
    until_listed(anna, found)
    expect(found).to_contain_text("Reactie")
    expect(found).to_contain_text("Anna de Vries")
    expect(found.locator("mark")).to_have_count(1)
    expect(results(anna, "page").first).to_be_visible()  # the tagged pages are in the same list
    expect(anna.get_by_role("status")).to_contain_text("pagina's en reacties, nieuwste eerst")
    assert_no_horizontal_scroll(anna)

    found.get_by_role("link").click()
    expect(anna).to_have_url(f"{plein}richtlijnen/huisstijl/#{comment_id}")
    target = anna.locator(f"#{comment_id}")
    expect(target).to_have_class(re.compile(r"\bplein-target\b"))
    expect(target).to_be_focused()


def test_the_search_box_finds_pages_and_comments(plein: str, new_page: NewPage) -> None:
    bram = open_signed_in(new_page, plein + "teams/it/", "Bram Jansen")
    post(bram, "Wie weet waar de Thuiswerken-checklist voor de schemerlamp ligt?")

    header_search(bram, "schemerlamp")
    found = results(bram, "comment").filter(has_text="schemerlamp")
    until_listed(bram, found)
    expect(found.locator("mark")).to_have_text(re.compile("schemerlamp", re.IGNORECASE))
    expect(bram.get_by_role("status")).to_have_text("1 resultaat voor “schemerlamp”")

    header_search(bram, "thuiswerken")
    expect(results(bram, "page").filter(has_text="Thuiswerken").first).to_be_visible()
    expect(results(bram, "comment").filter(has_text="schemerlamp")).to_be_visible()


def test_the_kind_filter_narrows_to_pages_or_comments(plein: str, new_page: NewPage) -> None:
    dirk = open_signed_in(new_page, plein + "teams/communicatie/", "Dirk Visser")
    post(dirk, "Thuiswerken op vrijdag: wie heeft de klimaatkastcode?")
    dirk.goto(plein + "search.html?q=klimaatkastcode")
    until_listed(dirk, results(dirk, "comment"))

    dirk.goto(plein + "search.html?q=thuiswerken")
    expect(results(dirk, "comment").filter(has_text="klimaatkastcode")).to_be_visible()
    dirk.get_by_role("radio", name="Pagina's").check()  # the filter submits itself, to the service's results page
    expect(dirk).to_have_url(re.compile(r"/search/\?q=thuiswerken&kind=page"))
    expect(results(dirk, "page").first).to_be_visible()
    expect(results(dirk, "comment")).to_have_count(0)
    dirk.get_by_role("radio", name="Reacties").check()  # there, without JavaScript, the button sends it
    dirk.locator("main").get_by_role("button", name="Zoeken").click()
    expect(dirk).to_have_url(re.compile(r"kind=comment"))
    expect(results(dirk, "comment").filter(has_text="klimaatkastcode")).to_be_visible()
    expect(results(dirk, "page")).to_have_count(0)


def test_results_page_through_with_next_and_previous(plein: str, new_page: NewPage) -> None:
    page = new_page()
    page.goto(plein + "search.html?q=waterschap")  # more pages of the sample than one page of results holds
    expect(results(page)).to_have_count(20)
    total = int(page.get_by_role("status").inner_text().split()[0])
    assert total > 20
    pager = page.get_by_role("navigation", name="Zoekresultaten")
    expect(pager.get_by_role("link")).to_have_count(1)
    pager.get_by_role("link", name="Volgende resultaten").click()
    expect(page).to_have_url(re.compile(r"[?&]page=2\b"))
    expect(results(page)).to_have_count(min(total - 20, 20))
    pager.get_by_role("link", name="Vorige resultaten").click()
    expect(results(page)).to_have_count(20)
    expect(page.locator("header").get_by_role("searchbox")).to_have_value("waterschap")  # the page's one box


def test_trending_counts_a_new_hashtag_on_the_home_page_and_leads_to_its_page(
    plein: str, new_page: NewPage
) -> None:
    def week_count(page: Page) -> Locator:
        page.goto(plein)
        trending = page.get_by_role("region", name="Populaire hashtags")
        expect(trending.get_by_role("heading", name="Afgelopen 7 dagen")).to_be_visible()
        gedoe = page.get_by_role("link", name="#gedoe", exact=True)
        chip = trending.locator("ul").first.locator("li").filter(has=gedoe)
        return chip.locator(".plein-hashtag-index__count")

    cas = open_signed_in(new_page, plein + "teams/hr/", "Cas Bakker")
    # Counted from the API: with content older than a week, the week may have no hashtag (and no list) yet.
    week = cas.request.get(plein + "api/trending").json()["windows"][0]
    assert week["days"] == 7
    before = next((tag["count"] for tag in week["hashtags"] if tag["slug"] == "gedoe"), 0)
    cas.goto(plein + "teams/hr/")
    post(cas, "Weer een formulier voor de parkeerpas, wat een #gedoe.")
    count = week_count(cas)
    expect(count).to_have_text(f"{before + 1} keer")
    count.locator("xpath=..").get_by_role("link").click()
    expect(cas).to_have_url(plein + "tags/gedoe/")


def test_the_search_page_fits_a_phone_and_says_when_the_service_is_away(plein: str, new_page: NewPage) -> None:
    page = new_page(**PHONE)
    page.goto(plein + "search.html?q=water")
    expect(results(page).first).to_be_visible()
    expect(page.locator(".plein-search__notice")).to_be_hidden()
    assert_no_horizontal_scroll(page)

    page.route("**/api/search?*", lambda route: route.fulfill(status=502, body="Bad Gateway"))
    page.reload()
    expect(page.locator(".plein-search__notice")).to_have_text(re.compile("reactieservice is niet bereikbaar"))
    expect(results(page, "page").first).to_be_visible()  # from the build's page index
    expect(results(page, "comment")).to_have_count(0)
    assert_no_horizontal_scroll(page)


def test_without_the_service_the_hashtag_page_keeps_the_built_list_and_trending_stays_hidden(
    plein: str, new_page: NewPage
) -> None:
    page = new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/api/**", lambda route: route.abort("connectionrefused"))
    page.goto(plein + "tags/gedoe/")
    expect(page.locator("ul.plein-tagged > li").first).to_be_visible()
    page.goto(plein + "tags/")
    expect(page.locator("#plein-trending")).to_be_hidden()
    assert errors == []
