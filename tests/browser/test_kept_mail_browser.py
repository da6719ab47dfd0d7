"""The mail a demo keeps instead of sending (``me/mail/``), in a real browser at phone size: a colleague's mention
arrives there, framed as a mail program shows it, and its link opens the comment in the page."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Browser, expect

from comments_service.notifications.jobs import run_deliveries
from tests.browser.conftest import demo_signed_in
from test_snapshot import PAGE_ID, say


@pytest.fixture(scope="module")
def service_settings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A drop folder for the mail, as ``make run`` has."""
    return {"PLEIN_MAIL_DROP": str(tmp_path_factory.mktemp("drop") / "mail")}


def test_a_mention_arrives_in_my_mail_and_its_link_opens_the_comment(
    plein_app: Flask, plein: str, browser: Browser
) -> None:
    say(plein_app, "Sara Gelezen", "Ik lees mee.")  # known from a first visit
    comment = say(plein_app, "Joost Noemer", "@sara-gelezen kijk je mee naar het **rooster**?")
    assert run_deliveries(plein_app) == 1

    page = demo_signed_in(browser, plein, "phone", "light", name="Sara Gelezen")
    page.goto(plein + "me/mail/")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Joost Noemer noemde je")
    mail = page.frame_locator("iframe.plein-kept-mail__body")
    expect(mail.get_by_text("kijk je mee naar het rooster?")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # fits the phone
    mail.get_by_role("link", name="Bekijk de reactie").click()
    expect(page).to_have_url(f"{plein}{PAGE_ID}/#comment-{comment}", timeout=10_000)  # the page, not the frame
    page.context.close()
