"""JavaScript off on `make run`'s site, and the service stopped (issue 11): read every conversation, comment and
reply with plain forms, search, follow hashtags; with the service down the snapshot and the page search stay.

The site is made as `make run` makes it: the snapshot written from the service's database (`flask snapshot`), the
build carrying it (`PLEIN_SNAPSHOT_FILE`), the manifest synced, the site and service served by one process.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, BrowserContext, Page, expect

from comments_service import create_app
from comments_service.devserver import site_blueprint
from service_helpers import close_app
from tests.browser.conftest import TIMEOUT_MS, LiveServer, sync, web_server
from tests.conftest import REPO_ROOT
from test_snapshot import PAGE_ID, PAGE_URL, say

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/noscript")


@dataclass
class RunSite:
    """`make run`'s site: the app, its built site, the two comments the build's snapshot holds."""

    app: Flask
    site_dir: Path
    url: str
    question: int
    answer: int


@pytest.fixture(scope="module")
def run_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunSite]:
    """What `make run` does, on a database that already holds a conversation: snapshot, build, sync, serve."""
    data = tmp_path_factory.mktemp("run")
    site_dir = data / "site"
    app = create_app({
        "PLEIN_DATABASE_URL": f"sqlite:///{data / 'plein.sqlite3'}", "PLEIN_SEARCH_DIR": str(data / "search"),
        "PLEIN_SECRET_KEY": "no-script-tests", "PLEIN_DEMO": True, "PLEIN_SITE_DIR": str(site_dir),
        "PLEIN_RATELIMIT_ENABLED": False,
    })
    app.register_blueprint(site_blueprint(site_dir))  # what `flask serve` does (the build comes below)
    sync(app, built_site / "plein" / "manifest.json")  # an earlier run's pages
    question = say(app, "Noor Vroeger", "Wie weet waar de **vergaderkamers** te boeken zijn?")
    answer = say(app, "Ravi Vroeger", "Via de kamerplanner op de startpagina.", parent_id=question)
    with app.app_context():
        written = app.test_cli_runner().invoke(args=["snapshot", str(data / "snapshot.json")])
    assert written.exit_code == 0, written.output
    os.environ["PLEIN_SNAPSHOT_FILE"] = str(data / "snapshot.json")
    try:
        build(load_config(str(REPO_ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True))
    finally:
        del os.environ["PLEIN_SNAPSHOT_FILE"]
    sync(app, site_dir / "plein" / "manifest.json")
    server = LiveServer(app)
    yield RunSite(app, site_dir, server.url, question, answer)
    server.stop()
    close_app(app)


@pytest.fixture
def no_script(browser: Browser) -> Iterator[BrowserContext]:
    """A reader with JavaScript off (their own cookies)."""
    context = browser.new_context(java_script_enabled=False, locale="nl-NL", viewport={"width": 1024, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def test_a_page_shows_its_conversation_and_the_way_to_join_it_without_javascript(
        run_site: RunSite, no_script: BrowserContext) -> None:
    page = no_script.new_page()
    page.goto(run_site.url + PAGE_URL)
    mount = page.locator("#plein-social")
    expect(mount.locator(f"#comment-{run_site.question}")).to_contain_text("Wie weet waar de vergaderkamers")
    expect(mount.locator(f"#comment-{run_site.answer}")).to_contain_text("Via de kamerplanner")
    expect(mount).to_contain_text("JavaScript staat uit.", use_inner_text=True)
    shoot(page, "page")
    mount.get_by_role("link", name="Lees het actuele gesprek en reageer").click()
    expect(page).to_have_url(run_site.url + f"conversation/{PAGE_ID}/")
    expect(page.locator("h1")).to_have_text(re.compile("^Gesprek: "))


def test_without_javascript_a_reader_chooses_a_name_comments_and_replies(
        run_site: RunSite, no_script: BrowserContext) -> None:
    page = no_script.new_page()
    page.goto(run_site.url + f"conversation/{PAGE_ID}/")
    expect(page.locator(f"#comment-{run_site.question}")).to_contain_text("Noor Vroeger")
    page.get_by_label("Je naam").fill("Eva Zonderscript")
    page.get_by_role("button", name="Meedoen").click()
    expect(page.get_by_text("Je reageert als Eva Zonderscript.")).to_be_visible()

    page.get_by_label("Je reactie").fill("Zonder JavaScript gaat het ook, #zonderscript")
    page.get_by_role("button", name="Plaatsen", exact=True).click()
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    new_id = page.url.rsplit("#comment-", 1)[1]
    mine = page.locator(f"#comment-{new_id}")
    expect(mine).to_contain_text("Zonder JavaScript gaat het ook")
    expect(mine).to_contain_text("Eva Zonderscript")

    question = page.locator(f"#comment-{run_site.question}")
    question.locator("summary", has_text="Beantwoorden").first.click()
    question.get_by_label("Je antwoord aan Noor Vroeger").fill("En een antwoord zonder script")
    question.get_by_role("button", name="Antwoord plaatsen").first.click()
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    reply_id = page.url.rsplit("#comment-", 1)[1]
    expect(page.locator(f"#comment-{run_site.question} .plein-replies #comment-{reply_id}")).to_contain_text(
        "En een antwoord zonder script")
    shoot(page, "conversation")


def test_without_javascript_the_header_search_answers_with_results(run_site: RunSite, no_script: BrowserContext) -> None:
    page = no_script.new_page()
    page.goto(run_site.url)
    page.locator("header").get_by_label("Zoek in pagina's en reacties").fill("thuiswerken")
    page.locator("header").get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(run_site.url + "search/?q=thuiswerken")
    found = page.locator("ol.plein-tagged > li.plein-result--page")
    expect(found.first).to_be_visible()
    expect(page.locator("#site-search-q")).to_have_value("thuiswerken")
    expect(page.locator("input[name=q]")).to_have_count(1)
    page.get_by_role("radio", name="Reacties").check()
    page.locator("main").get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"kind=comment"))
    expect(page.get_by_role("status")).to_have_text("Niets gevonden voor “thuiswerken”.")
    page.goto(run_site.url + "search/?q=thuiswerken")
    shoot(page, "search")


@pytest.mark.parametrize("javascript", [False, True])
def test_a_hashtag_only_comments_use_has_a_page_and_an_unknown_one_says_so(
        run_site: RunSite, browser: Browser, javascript: bool) -> None:
    say(run_site.app, "Lotte Tags", f"De fietsenstalling staat vol #fietsplan{int(javascript)}")
    context = browser.new_context(java_script_enabled=javascript, locale="nl-NL")
    try:
        page = context.new_page()
        url = run_site.url + f"tags/fietsplan{int(javascript)}/"
        listed = page.locator("li.plein-result--comment").filter(has_text="De fietsenstalling staat vol")
        for _ in range(20):  # the search index takes a new comment within 2 s
            response = page.goto(url)
            if response is not None and response.status == 200:
                break
            page.wait_for_timeout(250)
        assert response is not None and response.status == 200
        expect(page.locator("h1")).to_have_text(f"#fietsplan{int(javascript)}")
        expect(listed).to_be_visible()
        unknown = page.goto(run_site.url + "tags/nooitgebruikt/")
        assert unknown is not None and unknown.status == 404
        expect(page.locator("main")).to_contain_text("De hashtag #nooitgebruikt is nog nergens gebruikt")
    finally:
        context.close()


def test_with_the_service_stopped_pages_keep_their_snapshot_and_search_finds_pages(
        run_site: RunSite, browser: Browser) -> None:
    service = LiveServer(run_site.app)
    front = LiveServer(web_server(run_site.site_dir, service.port))
    service.stop()
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(front.url + PAGE_URL)
        expect(page.locator(f"#comment-{run_site.question}")).to_contain_text("Wie weet waar de vergaderkamers")
        expect(page.locator(".plein-social__offline")).to_be_visible()

        page.locator("header").get_by_label("Zoek in pagina's en reacties").fill("thuiswerken")
        page.locator("header").get_by_role("button", name="Zoeken").click()
        expect(page).to_have_url(front.url + "search/?q=thuiswerken")
        expect(page.locator(".plein-search__notice")).to_contain_text("De reactieservice is niet bereikbaar")
        found = page.locator("ol.plein-tagged > li.plein-result--page")
        expect(found.filter(has_text="Thuiswerken").first).to_be_visible()
        expect(page.locator("li.plein-result--comment")).to_have_count(0)
        expect(page.locator("#site-search-q")).to_have_value("thuiswerken")
        expect(page.get_by_role("status")).to_have_text(re.compile(r"^\d+ resultaten? voor “thuiswerken”$"))
        shoot(page, "search-service-down")
    finally:
        context.close()
        front.stop()


def shoot(page: Page, name: str) -> None:
    """Screenshots for review, phone and desktop, light and dark (under /tmp/shots, outside the repository)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((390, 844), (1280, 900)):
        for scheme in ("light", "dark"):
            page.set_viewport_size({"width": width, "height": height})
            page.emulate_media(color_scheme=scheme)
            page.screenshot(path=str(SHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
