"""The widget's social half in Chromium against the real service: the bell, the @ autocomplete, following, and
the activity stream on the home page. Every test uses its own page of the sample intranet (Dutch)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, Request, expect

from comments_service.identity import demo_person
from test_widget import NewPage, as_english, comment, open_signed_in, post, reply, serve_page_changed, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PEOPLE_PAUSE_MS = 250  # the widget asks for colleagues once typing has paused this long (widget-more.js)


@pytest.fixture(scope="module")
def service_settings() -> dict[str, object]:
    """HR is a department account, to be mentioned (none of the demo people speak for it)."""
    return {"PLEIN_DEPARTMENTS": "hr=HR"}


def bell(page: Page) -> object:
    return page.locator(".site-header__bar a.plein-bell")


def test_the_bell_counts_a_reply_by_someone_else_and_leads_to_the_notifications_page(
    plein: str, new_page: NewPage
) -> None:
    url = plein + "training/onboarding/eerste-week/"
    anna = open_signed_in(new_page, url, "Anna Bel")
    expect(anna.get_by_role("link", name="Meldingen", exact=True)).to_be_visible()  # signed in, nothing unread
    question = post(anna, "Wie haalt mij maandag op bij de receptie?")

    bram = open_signed_in(new_page, url, "Bram Bel")
    reply(bram, comment(bram, "receptie"), "Ik, om negen uur.")
    expect(bell(bram)).to_have_attribute("aria-label", "Meldingen")  # his own reply tells him nothing

    anna.reload()
    expect(question).to_be_visible()
    link = anna.get_by_role("link", name="Meldingen, 1 ongelezen")
    expect(link).to_be_visible()
    expect(link.locator("span")).to_have_text("1")

    anna.goto(plein + "tags/")  # no conversation on the page: the bell comes from /api/me
    expect(anna.get_by_role("link", name="Meldingen, 1 ongelezen")).to_be_visible()
    anna.get_by_role("link", name="Meldingen, 1 ongelezen").click()
    expect(anna).to_have_url(plein + "me/notifications/")
    expect(anna.locator("main")).to_contain_text("Bram Bel")  # the service's page lists the reply


def test_opening_a_link_to_a_comment_reads_its_notification(plein: str, new_page: NewPage) -> None:
    url = plein + "nieuws/2026-01-12-plein-is-live/"
    anna = open_signed_in(new_page, url, "Anna Link")
    post(anna, "Werkt de app ook op mijn telefoon?")
    bram = open_signed_in(new_page, url, "Bram Link")
    reply(bram, comment(bram, "telefoon"), "Ja, in de browser.")
    second = reply(bram, comment(bram, "telefoon"), "En offline lees je het laatst geladen.")
    target = second.evaluate("el => el.closest('[id^=comment-]').id")
    anna.reload()
    expect(bell(anna)).to_have_attribute("aria-label", "Meldingen, 2 ongelezen")
    anna.goto(url + "#" + target)  # as from a mail: the page at the comment
    anna.reload()
    expect(anna.locator(f"[id='{target}']")).to_have_class(re.compile("plein-target"))
    expect(bell(anna)).to_have_attribute("aria-label", "Meldingen, 1 ongelezen")  # the other reply is not seen yet
    anna.goto(plein + "me/notifications/")
    expect(anna.locator(".plein-notifications__unread")).to_have_count(1)


def test_no_bell_for_a_reader_who_is_not_signed_in(plein: str, new_page: NewPage) -> None:
    reader = new_page()
    reader.goto(plein + "training/onboarding/eerste-week/")
    expect(reader.get_by_label("Kies een naam om mee te doen")).to_be_visible()  # the widget has loaded
    expect(bell(reader)).to_have_count(0)
    sign_in(reader, "Cas Bel")
    expect(bell(reader)).to_have_attribute("aria-label", "Meldingen")
    reader.get_by_role("button", name="Afmelden").click()
    expect(bell(reader)).to_have_count(0)


def test_at_mention_autocomplete_by_keyboard_alone_at_phone_size(plein: str, new_page: NewPage) -> None:
    url = plein + "training/onboarding/systemen/"
    for colleague in ("Carla Smit", "Carel Bos"):  # the service knows people once they visited
        open_signed_in(new_page, url, colleague)
    anna = open_signed_in(new_page, url, "Anna Mention", **PHONE)
    asked: list[str] = []
    anna.on("request", lambda request: asked.append(request.url) if "/api/people" in request.url else None)

    field = anna.get_by_role("textbox", name="Je reactie")
    field.focus()
    anna.clock.install()  # the page's clock stands still while the keys come, however slowly a busy machine
    anna.clock.pause_at(dt.datetime.now() + dt.timedelta(seconds=1))  # sends them ...
    anna.keyboard.type("Vraag aan @Car", delay=60)
    anna.clock.run_for(PEOPLE_PAUSE_MS)  # ... then moves on by the pause that asks the service: one question
    anna.clock.resume()
    options = anna.get_by_role("listbox", name="Collega's").get_by_role("option")
    expect(options).to_have_count(2)
    assert len(asked) == 1 and asked[0].endswith("/api/people?q=Car"), asked
    expect(options).to_have_text([re.compile("Carel Bos"), re.compile("Carla Smit")])
    listbox = anna.locator(f'[id="{field.get_attribute("aria-controls")}"]')  # the field names its list
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(anna.locator(".plein-sr[role=status]")).to_have_text("Suggesties: 2")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")

    anna.keyboard.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id") or "")
    anna.keyboard.press("Enter")
    carla_id = demo_person("Carla Smit")[0]
    handle = carla_id.split(":", 1)[-1]
    expect(field).to_have_value(f"Vraag aan @{handle} ")
    expect(options).to_have_count(0)
    expect(field).not_to_have_attribute("aria-activedescendant", re.compile(".*"))

    anna.keyboard.type("werkt de printer? @Car")
    expect(options).to_have_count(2)
    anna.keyboard.press("Escape")  # closes the list, keeps the text
    expect(options).to_have_count(0)
    expect(field).to_have_value(f"Vraag aan @{handle} werkt de printer? @Car")
    anna.keyboard.press("Backspace")
    anna.keyboard.press("Backspace")
    anna.keyboard.press("Backspace")
    anna.keyboard.press("Backspace")
    anna.keyboard.press("Control+Enter")

    mention = comment(anna, "werkt de printer?").locator("a.mention")
    expect(mention).to_have_text("@Carla Smit")
    expect(mention).to_have_attribute("href", re.compile(re.escape(f"people/{quote(carla_id, safe='')}/") + "$"))
    box = anna.get_by_role("textbox", name="Je reactie").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_the_autocomplete_offers_a_department_account_whose_mention_links_to_its_page(
    plein: str, new_page: NewPage
) -> None:
    url = plein + "training/onboarding/systemen/"
    open_signed_in(new_page, url, "Hristo Smit")  # a colleague whose name starts alike
    dora = open_signed_in(new_page, url, "Wendy Afdeling", **PHONE)
    field = dora.get_by_role("textbox", name="Je reactie")
    field.focus()
    dora.keyboard.type("Wie weet dit, @hr")
    options = dora.get_by_role("listbox", name="Collega's").get_by_role("option")
    expect(options).to_have_text([re.compile(r"^HRAfdelingsaccount$"), re.compile("^Hristo Smit$")])
    dora.keyboard.press("Enter")
    expect(field).to_have_value("Wie weet dit, @hr ")
    dora.keyboard.type("en waar staat het?")
    dora.keyboard.press("Control+Enter")
    mention = comment(dora, "waar staat het?").locator("a.mention")
    expect(mention).to_have_text("@HR")
    expect(mention).to_have_attribute("href", re.compile(r"departments/hr/$"))


def test_the_autocomplete_in_a_reply_drops_an_answer_that_came_too_late(plein: str, new_page: NewPage) -> None:
    url = plein + "training/onboarding/systemen/"
    open_signed_in(new_page, url, "Dirk Laat")
    open_signed_in(new_page, url, "Dora Laat")
    anna = open_signed_in(new_page, url, "Anna Laat")
    question = post(anna, "Wie kent het rooster?")
    slow = {"first": True}

    def hold_first(route: object) -> None:
        if slow["first"]:  # the answer to "@D" arrives after the answer to "@Dor"
            slow["first"] = False
            anna.wait_for_timeout(900)
        route.continue_()  # type: ignore[attr-defined]

    anna.route(re.compile(r".*/api/people\?.*"), hold_first)
    question.get_by_role("button", name="Beantwoorden").click()
    field = anna.get_by_role("textbox", name="Je antwoord")
    field.press_sequentially("@D")
    anna.wait_for_timeout(350)  # a pause: one question for "D"
    field.press_sequentially("or")
    options = anna.get_by_role("listbox", name="Collega's").get_by_role("option")
    expect(options).to_have_text([re.compile("Dora Laat")])
    anna.wait_for_timeout(1200)  # the late answer for "D" (Dirk and Dora) has come and was dropped
    expect(options).to_have_text([re.compile("Dora Laat")])
    anna.keyboard.press("Tab")
    expect(field).to_have_value("@" + demo_person("Dora Laat")[0].split(":", 1)[-1] + " ")


def test_following_a_page_toggles_and_lasts_after_reload(plein: str, new_page: NewPage) -> None:
    url = plein + "training/onboarding/wie-is-wie/"
    reader = new_page()
    reader.goto(url)
    expect(reader.get_by_label("Kies een naam om mee te doen")).to_be_visible()
    expect(reader.get_by_role("button", name="Volg deze pagina")).to_have_count(0)  # only for signed-in viewers

    anna = open_signed_in(new_page, url, "Anna Volg")
    asked: list[Request] = []
    anna.on("request", lambda request: asked.append(request) if "/api/follows?" in request.url else None)
    follow = anna.get_by_role("button", name="Volg deze pagina")
    expect(follow).to_have_attribute("aria-pressed", "false")
    follow.click()
    expect(follow).to_have_attribute("aria-pressed", "true")
    anna.reload()
    expect(follow).to_have_attribute("aria-pressed", "true")
    follow.click()
    expect(follow).to_have_attribute("aria-pressed", "false")
    anna.reload()
    expect(follow).to_have_attribute("aria-pressed", "false")
    assert asked == []  # the thread answer says whether she follows: no request of its own


def test_following_a_hashtag_from_its_page(plein: str, new_page: NewPage) -> None:
    anna = open_signed_in(new_page, plein + "training/onboarding/wie-is-wie/", "Anna Tag")
    anna.goto(plein + "tags/intranetwerkt/")
    follow = anna.get_by_role("button", name="Volg #intranetwerkt")
    expect(follow).to_have_attribute("aria-pressed", "false")
    follow.click()
    expect(follow).to_have_attribute("aria-pressed", "true")
    anna.reload()
    expect(follow).to_have_attribute("aria-pressed", "true")


WRITE = """async ([path, body, method]) => {
  const { csrf_token } = await (await fetch("/api/me")).json();
  const answer = await fetch("/api" + path, { method: method || "POST", body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf_token } });
  return answer.status;
}"""


def test_the_home_page_shows_the_conversations_going_on_now_without_low_profile_names(
    plein: str, new_page: NewPage
) -> None:
    lola = open_signed_in(new_page, plein + "vragen/plein-gebruiken/", "Lola Laagprofiel")
    assert lola.evaluate(WRITE, ["/me/profile", {"low_profile": True}, "PATCH"]) == 200
    assert lola.evaluate(WRITE, ["/pages/vragen/plein-gebruiken/comments", {"text": "Stille vraag"}]) == 201
    anna = open_signed_in(new_page, plein + "vragen/plein-gebruiken/", "Anna Stroom")
    for n in range(20):
        assert anna.evaluate(WRITE, ["/pages/vragen/plein-gebruiken/comments", {"text": f"Stroom {n}"}]) == 201

    anna.goto(plein)
    stream = anna.get_by_role("region", name="Nu in gesprek")
    items = stream.locator("article.plein-comment")
    expect(items).to_have_count(20)  # a page at a time, newest first
    expect(items.first).to_contain_text("Stroom 19")
    expect(items.first.get_by_role("link", name="Anna Stroom")).to_have_attribute(
        "href", re.compile(r"/people/demo%3Aanna-stroom/$"))
    expect(items.first.get_by_role("link", name="Plein gebruiken", exact=False)).to_be_visible()
    more = stream.get_by_role("button", name="Meer")
    more.click()  # the module's other tests wrote a few comments too: all fit on the second page
    expect(items.nth(20)).to_be_visible()
    expect(items.nth(20).locator("a").first).to_be_focused()  # "more" leads on to the first new item
    expect(more).to_be_hidden()
    quiet = items.filter(has_text="Stille vraag")
    expect(quiet).to_be_visible()
    expect(quiet).not_to_contain_text("Lola")
    quiet.get_by_role("link").last.click()
    expect(anna).to_have_url(re.compile(r"/vragen/plein-gebruiken/#comment-\d+$"))


def test_the_bell_and_the_follow_button_speak_english_on_an_english_site(plein: str, new_page: NewPage) -> None:
    page = new_page()
    serve_page_changed(page, as_english)
    page.goto(plein + "training/onboarding/welcome-international-colleagues/")
    page.get_by_label("Choose a name to join in").fill("Kim Bell")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Follow this page")).to_have_attribute("aria-pressed", "false")
    page.get_by_role("textbox", name="Your comment").press_sequentially("@Kim")
    expect(page.get_by_role("listbox", name="Colleagues").get_by_role("option")).to_have_text([re.compile("Kim Bell")])
    expect(page.locator(".plein-sr[role=status]")).to_have_text("Suggestions: 1")
