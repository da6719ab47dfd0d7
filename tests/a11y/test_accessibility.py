"""Every kind of page a reader meets, checked by axe-core (the engine behind Lighthouse's accessibility audit) in
Debian's Chromium at phone size, light and dark, with the widget loaded and the demo's announcements on top.

axe-core comes from the npm registry, pinned by this folder's lock file (`make test` installs it). A violation fails
the test with axe's rule, impact and the elements it found, so the message says what to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

from comments_service.identity import demo_address, demo_person
from comments_service.notifications.mail.drop import MailDrop
from tests.browser.conftest import demo_signed_in, demo_with_history

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
PAGES = (
    "",  # the home page: activity stream, trending
    "richtlijnen/huisstijl/",  # a content page with its conversation
    "teams/it/",  # a table and a code block, which scroll sideways on a phone
    "nieuws/2026-06-18-gemaal-zuidpolder-zonnestroom/",  # a table with a header row
    "vragen/thuiswerken/",  # questions
    "tags/gedoe/",
    "search/?q=gedoe",
    "people/",  # the directory
    f"people/{quote(demo_person('Carla Communicatie')[0], safe='')}/",  # a person's page (the signed-in one's)
    "me/",  # Mijn overzicht: feed and mail choices
    "me/notifications/",
    "me/data/",
    "me/mail/",  # the mail a demo keeps instead of sending: a framed mail
    "questions/",
    "announcements/",
    "analytics/?period=12m&hashtag=gedoe",  # charts and tables that scroll sideways on a phone
)


def keep_a_mail_for(drop: Path, name: str) -> None:
    """A mail in the drop for the demo person ``name``, as ``me/mail/`` shows one (HTML and plain text)."""
    message = EmailMessage()
    message["From"], message["To"] = "Plein <plein@localhost>", f"{name} <{demo_address(demo_person(name)[0])}>"
    message["Subject"], message["Date"] = "Joost noemde je bij “Huisstijl”", "Sun, 06 Dec 2026 09:30:00 +0100"
    message.set_content("Joost noemde je bij “Huisstijl”: kijk je even mee?")
    message.add_alternative('<!DOCTYPE html><html lang="nl"><head><title>Huisstijl</title></head><body><p>'
                            '<a href="/richtlijnen/huisstijl/">Joost noemde je</a></p></body></html>', subtype="html")
    MailDrop(drop).send(message)


@pytest.fixture(scope="module")
def plein(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo with its history and a kept mail, signed-in people seeing the figures too."""
    data = tmp_path_factory.mktemp("a11y")
    keep_a_mail_for(data / "mail", "Carla Communicatie")
    with demo_with_history(built_site, data, PLEIN_DEMO_ROLES="communication,management,community_manager",
                           PLEIN_MAIL_DROP=str(data / "mail")) as url:
        yield url


def violations(page: Page, label: str) -> list[str]:
    """What axe-core finds wrong with the page as it is now, one line per rule, each starting with ``label``."""
    assert AXE.exists(), "axe-core is not installed: `make test` runs npm ci in tests/a11y"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{label} {rule['id']} ({rule['impact']}): {[node['target'] for node in rule['nodes']]}"
            for rule in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_has_an_accessibility_violation(browser: Browser, plein: str, scheme: str) -> None:
    page = demo_signed_in(browser, plein, "phone", scheme)
    found = []
    for path in PAGES:
        answer = page.goto(plein + path)
        assert answer is not None and answer.ok, f"/{path} answers {answer and answer.status}: not a page to audit"
        page.wait_for_load_state("networkidle")  # the widget's thread, announcements and bell are in
        found += violations(page, "/" + path)
    page.context.close()
    assert not found, "\n".join(found)


def test_the_open_mention_autocomplete_has_no_accessibility_violation(browser: Browser, plein: str) -> None:
    page = demo_signed_in(browser, plein, "phone", "light")
    page.goto(plein + "richtlijnen/huisstijl/")
    page.get_by_role("textbox", name="Je reactie").press_sequentially("Vraag aan @Carl")
    expect(page.get_by_role("option", name="Carla Communicatie")).to_be_visible()
    found = violations(page, "@ autocomplete")
    page.context.close()
    assert not found, "\n".join(found)
