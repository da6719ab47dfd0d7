"""The social widget in Chromium against the real comments service on the built sample intranet (Dutch).

Every test uses its own page of the site, so the tests share one service without seeing each other's comments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Locator, Page, Route, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
REPO_ROOT = Path(__file__).resolve().parents[2]
NewPage = Callable[..., Page]  # the `new_page` fixture: opens a page in a fresh browser context


def sign_in(page: Page, name: str) -> None:
    page.get_by_label("Kies een naam om mee te doen").fill(name)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator(".plein-account")).to_contain_text(f"Aangemeld als {name}")


def open_signed_in(new_page: NewPage, url: str, name: str, **viewport: int) -> Page:
    page = new_page(**viewport)
    page.goto(url)
    sign_in(page, name)
    return page


def comment(page: Page, text: str) -> Locator:
    """The comment (its article) that contains `text`."""
    return page.locator("article.plein-comment").filter(has_text=text)


def submit(page: Page, label: str, text: str) -> None:
    """Fill the text field labelled `label` and press its form's submit button."""
    field = page.get_by_label(label, exact=True)
    form = page.locator("form").filter(has=field)
    field.fill(text)
    form.locator("button[type=submit]").click()


def post(page: Page, text: str) -> Locator:
    submit(page, "Je reactie", text)
    posted = comment(page, text)
    expect(posted).to_be_visible()
    return posted


def reply(page: Page, to: Locator, text: str) -> Locator:
    to.get_by_role("button", name="Beantwoorden").click()
    submit(page, "Je antwoord", text)
    answer = to.locator("xpath=..").locator(".plein-replies article").filter(has_text=text)
    expect(answer).to_be_visible()
    return answer


def page_reaction(page: Page, emoji: str) -> Locator:
    return page.get_by_role("group", name="Reageer op deze pagina").get_by_role("button", name=emoji)


def serve_page_changed(page: Page, change: Callable[[str], str]) -> None:
    """Let `change(html)` rewrite every HTML page the site sends to this browser page."""

    def handle(route: Route) -> None:
        response = route.fetch()
        if response.headers.get("content-type", "").startswith("text/html"):
            route.fulfill(response=response, body=change(response.text()))
        else:
            route.fulfill(response=response)

    page.route(re.compile(r".*/$"), handle)


def as_english(html: str) -> str:
    """The Dutch page as an English site renders it: `data-lang` and the widget's words (theme strings)."""
    strings = yaml.safe_load((REPO_ROOT / "theme" / "mkdocs_theme.yml").read_text(encoding="utf-8"))["strings"]
    words = json.dumps(strings["en"]["widget"])
    html = re.sub(r'(<script type="application/json" id="plein-strings">)[^<]*', lambda m: m.group(1) + words, html)
    return html.replace('data-lang="nl"', 'data-lang="en"')


SNAPSHOT = '<div class="plein-snapshot"><p>Zo stond het gesprek bij het bouwen.</p></div>'


def with_snapshot(html: str) -> str:
    """The page as the snapshot plugin would build it: a static conversation after the mount's heading."""
    return re.sub(r'(<h2 id="plein-social-title">.*?</h2>)', lambda heading: heading[1] + SNAPSHOT, html, count=1)


def test_two_people_comment_reply_and_see_each_others_reactions(plein: str, new_page: NewPage) -> None:
    url = plein + "richtlijnen/online-samenwerken/"
    anna = open_signed_in(new_page, url, "Anna de Vries")
    bram = open_signed_in(new_page, url, "Bram Jansen")

    post(anna, "Wie gebruikt de nieuwe teamkanalen al?")
    bram.reload()
    question = comment(bram, "Wie gebruikt de nieuwe teamkanalen al?")
    expect(question.locator("header")).to_contain_text("Anna de Vries")
    reply(bram, question, "Wij, sinds maandag.")
    page_reaction(bram, "👍").click()
    expect(page_reaction(bram, "👍")).to_have_attribute("aria-pressed", "true")
    question.get_by_role("button", name="❤️").click()
    expect(question.get_by_role("button", name="❤️")).to_have_text("❤️ 1")

    anna.reload()
    expect(comment(anna, "Wij, sinds maandag.").locator("header")).to_contain_text("Bram Jansen")
    expect(page_reaction(anna, "👍")).to_have_text("👍 1")
    expect(page_reaction(anna, "👍")).to_have_attribute("aria-pressed", "false")
    expect(comment(anna, "teamkanalen").get_by_role("button", name="❤️")).to_have_text("❤️ 1")
    page_reaction(anna, "👍").click()
    expect(page_reaction(anna, "👍")).to_have_text("👍 2")
    expect(page_reaction(anna, "👍")).to_have_attribute("aria-pressed", "true")

    bram.reload()
    expect(page_reaction(bram, "👍")).to_have_text("👍 2")
    expect(page_reaction(bram, "👍")).to_have_attribute("aria-pressed", "true")
    expect(bram.locator(".plein-count")).to_have_text(" (2)")


def test_comments_from_others_appear_without_reload_and_are_announced(plein: str, new_page: NewPage) -> None:
    url = plein + "vragen/declaraties/"
    anna = open_signed_in(new_page, url, "Anna de Vries")
    bram = open_signed_in(new_page, url, "Bram Jansen")
    question = post(anna, "Hoe declareer ik een treinkaartje?")
    bram.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # as when the tab comes back
    expect(comment(bram, "treinkaartje")).to_be_visible()
    expect(bram.get_by_role("status")).to_have_text("Nieuwe reactie van Anna de Vries: Hoe declareer ik een treinkaartje?")

    reply(bram, comment(bram, "treinkaartje"), "Via het declaratieportaal.")
    anna.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(question.locator("xpath=..").locator(".plein-replies article")).to_contain_text("Via het declaratieportaal.")
    expect(anna.locator("article.plein-comment")).to_have_count(2)
    expect(anna.locator(".plein-count")).to_have_text(" (2)")


def test_edit_and_delete_own_comments(plein: str, new_page: NewPage) -> None:
    url = plein + "richtlijnen/privacy/"
    anna = open_signed_in(new_page, url, "Anna de Vries")
    bram = open_signed_in(new_page, url, "Bram Jansen")
    anna.on("dialog", lambda dialog: dialog.accept())

    draft = post(anna, "Mag ik klantgegevens in de chat delen?")
    expect(comment(bram, "klantgegevens")).to_have_count(0)
    draft.get_by_role("button", name="Bewerken").click()
    expect(anna.get_by_label("Bewerk je reactie")).to_have_value("Mag ik klantgegevens in de chat delen?")
    submit(anna, "Bewerk je reactie", "Mag ik klantgegevens in Teams delen?")
    edited = comment(anna, "in Teams delen?")
    expect(edited.locator("header")).to_contain_text("bewerkt")
    expect(edited).to_be_focused()

    mistake = post(anna, "Oeps, verkeerde pagina.")
    mistake.get_by_role("button", name="Verwijderen").click()
    expect(mistake).to_have_count(0)

    bram.reload()
    expect(comment(bram, "in Teams delen?").get_by_role("button", name="Bewerken")).to_have_count(0)
    reply(bram, comment(bram, "in Teams delen?"), "Nee, alleen in het zaaksysteem.")
    anna.reload()
    comment(anna, "in Teams delen?").get_by_role("button", name="Verwijderen").click()
    expect(anna.locator(".plein-removed")).to_have_text(re.compile("Deze reactie is verwijderd."))
    expect(comment(anna, "Nee, alleen in het zaaksysteem.")).to_be_visible()

    for page in (anna, bram):
        page.reload()
        expect(page.locator(".plein-removed")).to_contain_text("Deze reactie is verwijderd.")
        expect(comment(page, "in Teams delen?")).to_have_count(0)
        expect(comment(page, "Oeps, verkeerde pagina.")).to_have_count(0)
        expect(comment(page, "Nee, alleen in het zaaksysteem.")).to_be_visible()
        expect(page.locator(".plein-count")).to_have_text(" (1)")


def test_hashtag_in_a_comment_links_to_the_hashtag_page(plein: str, new_page: NewPage) -> None:
    page = open_signed_in(new_page, plein + "training/wol-weekoefeningen/", "Chris Smit")
    link = post(page, "Week 3 gedaan, echt #WOL in de praktijk.").locator("a.hashtag")
    expect(link).to_have_text("#WOL")
    link.click()
    expect(page).to_have_url(plein + "tags/wol/")
    expect(page.locator("h1")).to_contain_text("wol", ignore_case=True)
    expect(page.locator(".plein-app"), "hashtag pages have no conversation of their own (yet)").to_have_count(0)


def test_phone_size_has_no_horizontal_scroll(plein: str, new_page: NewPage) -> None:
    page = open_signed_in(new_page, plein + "vragen/thuiswerken/", "Dewi Pranoto met een hele lange naam", **PHONE)
    long_link = "https://intranet.example/" + "heel-lang-pad-zonder-spaties-" * 6
    first = post(page, f"Zie {long_link} voor de regeling, en ook Thuiswerkvergoedingsregelingsuitzonderingen.")
    reply(page, first, "Dank! " + "Ook hier een lang woord: Arbeidsomstandighedenwetgevingsaanpassingen. " * 3)
    nested = comment(page, "Dank!")
    reply(page, nested, "En een antwoord op het antwoord.")

    sizes = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert sizes[0] <= sizes[1], f"page is {sizes[0]} px wide on a {sizes[1]} px screen"
    heights = page.locator("#plein-social button:visible").evaluate_all(
        "buttons => buttons.map(b => b.getBoundingClientRect().height)")
    assert min(heights) >= 24, "touch targets are at least 24 px high (WCAG 2.2 target size)"


def test_keyboard_only_comment_is_announced(plein: str, new_page: NewPage) -> None:
    page = open_signed_in(new_page, plein + "teams/it/", "Eva Bakker")
    page.locator("#plein-social-title").focus()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "TEXTAREA":
            break
    textarea = page.get_by_label("Je reactie")
    expect(textarea).to_be_focused()
    outline = textarea.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused field shows a focus ring"
    page.keyboard.type("Kan de printer op de tweede verdieping weer werken?")
    page.keyboard.press("Tab")
    expect(page.get_by_role("checkbox", name="Vraag stellen")).to_be_focused()  # a comment or a question
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Plaatsen")).to_be_focused()
    page.keyboard.press("Enter")

    status = page.get_by_role("status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("Nieuwe reactie van Eva Bakker: Kan de printer op de tweede verdieping weer werken?")
    expect(comment(page, "Kan de printer")).to_be_visible()
    expect(textarea).to_have_value("")

    reply_button = comment(page, "Kan de printer").get_by_role("button", name="Beantwoorden")
    reply_button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Je antwoord")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_label("Je antwoord")).to_have_count(0)
    expect(reply_button).to_be_focused()


def test_permalink_scrolls_to_and_highlights_the_comment(plein: str, new_page: NewPage) -> None:
    page = open_signed_in(new_page, plein + "teams/hr/", "Fatima el Amrani")
    for number in range(1, 6):
        post(page, f"Vraag nummer {number} over verlof.")
    target = comment(page, "Vraag nummer 2")
    anchor = target.get_attribute("id")
    assert re.fullmatch(r"comment-\d+", anchor)
    expect(target.locator("a.plein-permalink")).to_have_attribute("href", f"#{anchor}")
    expect(target.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))
    expect(target.locator("time")).to_have_text(re.compile("nu|seconden|minuut"))

    reader = new_page(**PHONE)
    reader.goto(f"{plein}teams/hr/#{anchor}")
    highlighted = reader.locator(f"#{anchor}")
    expect(highlighted).to_have_class(re.compile("plein-target"))
    expect(highlighted).to_be_in_viewport()
    expect(reader.locator(".plein-target")).to_have_count(1)


def test_moderator_hides_and_restores_a_comment(plein: str, new_page: NewPage, moderator: str) -> None:
    url = plein + "teams/facilitair/"
    author = open_signed_in(new_page, url, "Gijs Mulder")
    post(author, "De koffieautomaat is weer stuk!!!")
    expect(author.get_by_role("button", name="Verbergen", exact=True)).to_have_count(0)
    mod = open_signed_in(new_page, url, moderator)

    comment(mod, "koffieautomaat").get_by_role("button", name="Verbergen").click()
    expect(comment(mod, "koffieautomaat").locator(".plein-badge")).to_have_text("Verborgen")
    author.reload()
    expect(comment(author, "koffieautomaat")).to_have_count(0)

    comment(mod, "koffieautomaat").get_by_role("button", name="Terugzetten").click()
    expect(comment(mod, "koffieautomaat").locator(".plein-badge")).to_have_count(0)
    author.reload()
    expect(comment(author, "koffieautomaat")).to_be_visible()


def test_names_and_comments_never_run_as_script(plein: str, new_page: NewPage) -> None:
    name = '<img src=x onerror="window.pwned=1">Hanna'
    page = open_signed_in(new_page, plein + "teams/communicatie/", name)
    submit(page, "Je reactie", '<script>window.pwned=1</script><img src=x onerror="window.pwned=1"> **Hallo**')
    posted = comment(page, "Hallo")
    expect(posted.locator("header strong")).to_have_text(name)
    expect(posted.locator("script, img")).to_have_count(0)
    page.reload()
    expect(comment(page, "Hallo")).to_be_visible()
    assert page.evaluate("window.pwned") is None


def test_demo_mode_is_marked_and_readers_without_demo_are_asked_to_sign_in(plein: str, new_page: NewPage) -> None:
    url = plein + "teams/waterbeheer/"
    demo = new_page()
    demo.goto(url)
    expect(demo.locator(".plein-demo")).to_contain_text("Demomodus")

    outside_demo = new_page()

    def without_demo(route: Route) -> None:
        thread = route.fetch().json()
        route.fulfill(json={**thread, "demo": False})

    outside_demo.route("**/api/pages/**/thread", without_demo)
    outside_demo.goto(url)
    expect(outside_demo.locator(".plein-account")).to_have_text("Meld je aan om te reageren.")
    expect(outside_demo.locator(".plein-demo")).to_have_count(0)
    expect(outside_demo.get_by_label("Kies een naam om mee te doen")).to_have_count(0)
    expect(outside_demo.get_by_label("Je reactie")).to_have_count(0)


def test_an_archived_page_shows_its_conversation_closed(
    plein: str, new_page: NewPage, archive_page: Callable[[str], None]
) -> None:
    path = "nieuws/2026-03-04-hoogwateroefening-maas/"
    page = open_signed_in(new_page, plein + path, "Kees Visser")
    post(page, "Goed geoefend, volgend jaar weer!")
    archive_page(path)
    page.reload()
    expect(page.locator(".plein-banner").filter(has_text="Dit gesprek is gearchiveerd.")).to_be_visible()
    expect(comment(page, "Goed geoefend")).to_be_visible()
    expect(page.get_by_label("Je reactie")).to_have_count(0)
    expect(page.get_by_role("button", name="Beantwoorden")).to_have_count(0)
    expect(page_reaction(page, "👍")).to_be_hidden()


def test_page_stays_readable_when_the_service_goes_down(behind_web_server, new_page: NewPage) -> None:
    url = behind_web_server.url + "nieuws/2026-10-14-dienstfietsen/"
    page = open_signed_in(new_page, url, "Ilse Vos", **PHONE)
    notice = page.locator(".plein-social__offline")
    expect(notice).to_be_hidden()

    behind_web_server.service.stop()
    submit(page, "Je reactie", "Komt deze nog aan?")
    expect(page.get_by_role("alert")).to_have_text("Reacties zijn nu niet beschikbaar.")

    serve_page_changed(page, with_snapshot)
    page.reload()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("main p").first).to_be_visible()
    expect(notice).to_be_visible()
    expect(page.locator("#plein-social .plein-snapshot")).to_be_visible()
    expect(page.locator(".plein-app")).to_have_count(0)


def test_errors_from_the_api_are_shown_next_to_the_form(plein: str, new_page: NewPage) -> None:
    page = open_signed_in(new_page, plein + "teams/bedrijfsrestaurant/", "Joost Kok")
    submit(page, "Je reactie", "x" * 6000)
    expect(page.get_by_role("alert")).not_to_be_empty()
    message = page.get_by_role("alert").text_content()
    assert "error" not in message and "{" not in message, "a sentence from the API, not raw JSON"
    expect(page.get_by_label("Je reactie")).to_have_value("x" * 6000)


def test_the_loaded_conversation_replaces_the_snapshot(plein: str, new_page: NewPage) -> None:
    page = new_page()
    serve_page_changed(page, with_snapshot)
    page.goto(plein + "organisatie/locaties/")
    expect(page.locator(".plein-app")).to_be_visible()
    expect(page.locator(".plein-snapshot")).to_have_count(0)
    expect(page.locator(".plein-social__offline")).to_be_hidden()


def test_a_service_that_does_not_answer_is_given_up_after_five_seconds(plein: str, new_page: NewPage) -> None:
    page = new_page()
    serve_page_changed(page, with_snapshot)
    page.route("**/api/**", lambda route: None)  # never answered
    page.goto(plein + "organisatie/")
    expect(page.locator(".plein-social__offline")).to_be_visible(timeout=7000)
    expect(page.locator("#plein-social .plein-snapshot")).to_be_visible()
    expect(page.locator("#plein-social")).not_to_have_attribute("aria-busy", "true")


def test_english_strings_and_times_follow_data_lang(plein: str, new_page: NewPage) -> None:
    page = new_page()
    serve_page_changed(page, as_english)
    page.goto(plein + "training/werken-met-open-deur/")
    sign_in_label = page.get_by_label("Choose a name to join in")
    sign_in_label.fill("Kim Lee")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".plein-account")).to_contain_text("Signed in as Kim Lee")
    submit(page, "Your comment", "Great page, thanks.")
    posted = comment(page, "Great page")
    expect(posted.locator("time")).to_have_text("now")
    expect(posted.get_by_role("button", name="Reply")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("New comment by Kim Lee: Great page, thanks.")
