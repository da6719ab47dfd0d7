"""Mail kept in a drop folder where none is sent (``PLEIN_MAIL_DROP``), and ``me/mail/``, where each reader reads
what was addressed to them: what ``make run``'s demo shows of mail."""

from __future__ import annotations

import mailbox
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from comments_service import db
from comments_service.config import ConfigError, load_settings
from comments_service.notifications.jobs import run_deliveries
from comments_service.models import Person
from comments_service.notifications.models import MailState, Notification
from pages_helpers import find_all, parse, text
from service_helpers import PAGE, manifest, manifest_page


@pytest.fixture
def settings(settings: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """Demo mode with a drop (unless a test says otherwise), the site's address relative: as ``make run`` serves."""
    return {"PLEIN_MAIL_DROP": str(tmp_path / "mail"), **settings, "PLEIN_DEMO": "1", "PLEIN_SITE_URL": "/"}


def demo_login(app: Flask, name: str) -> tuple[FlaskClient, str]:
    """A browser of its own, signed in by the demo form's API and known from a first visit; with its CSRF token."""
    browser = app.test_client()
    answer = browser.post("/api/demo/login", json={"name": name})
    assert answer.status_code == 200 and browser.get("/api/me").status_code == 200
    return browser, answer.json["csrf_token"]


def mention(browser: FlaskClient, token: str, handle: str) -> dict[str, Any]:
    posted = browser.post(f"/api/pages/{PAGE}/comments", json={"text": f"@{handle} kijk je mee naar het **rooster**?"},
                          headers={"X-CSRF-Token": token})
    assert posted.status_code == 201, posted.json
    return posted.json


def test_a_demo_mention_is_kept_and_shown_only_to_the_person_it_was_for(
    app: Flask, page: str, settings: dict[str, Any]
) -> None:
    eva, _ = demo_login(app, "Eva Demo")
    assert "No mail yet" in text(parse(eva.get("/me/mail/")))
    joost, token = demo_login(app, "Joost Demo")
    posted = mention(joost, token, "eva-demo")

    assert run_deliveries(app) == 1
    [kept] = mailbox.Maildir(settings["PLEIN_MAIL_DROP"], create=False)
    assert kept["To"] == "Eva Demo <eva-demo@demo.invalid>"
    assert kept["List-Unsubscribe"].startswith("</api/unsubscribe/")  # relative: read on the site itself

    root = parse(eva.get("/me/mail/"))
    [mail] = find_all(root, "li", class_="plein-kept-mail__mail")
    assert str(make_header(decode_header(kept["Subject"]))) in text(mail) and "eva-demo@demo.invalid" in text(root)
    [frame] = find_all(mail, "iframe")
    assert frame.get("sandbox") == "allow-top-navigation-by-user-activation"
    srcdoc = frame.get("srcdoc", "")
    assert '<base target="_top">' in srcdoc and f'href="/{PAGE}/#comment-{posted["id"]}"' in srcdoc
    assert "Eva Demo kijk je mee naar het rooster?" in srcdoc  # the comment as readers see it, not its Markdown
    assert "Joost Demo" in text(find_all(mail, "pre")[0])  # the plain-text part, under "Plain text"

    assert "No mail yet" in text(parse(joost.get("/me/mail/")))  # Eva's mail is hers alone
    assert [eva.get(f"/me/mail/?page={page}").status_code for page in ("2", "nul", "0")] == [404, 400, 400]
    assert app.test_client().get("/me/mail/").status_code == 401  # a reader who is not signed in
    overview = parse(eva.get("/me/"))
    assert any(link.get("href") == "/me/mail/" for link in find_all(overview, "a"))


def test_a_drop_that_cannot_take_mail_keeps_it_waiting(app: Flask, page: str, settings: dict[str, Any]) -> None:
    drop = Path(settings["PLEIN_MAIL_DROP"])
    drop.write_text("not a folder")  # the folder cannot be made: as a full or read-only disk
    demo_login(app, "Eva Demo")
    joost, token = demo_login(app, "Joost Demo")
    mention(joost, token, "eva-demo")

    assert run_deliveries(app) == 0
    with app.app_context():
        states = list(db.session().scalars(select(Notification.mail_state)))
    assert states == [MailState.INSTANT.value]
    drop.unlink()
    assert run_deliveries(app) == 1  # the same mail, once the drop takes mail again
    assert len(mailbox.Maildir(drop, create=False)) == 1


@pytest.mark.plein_settings(PLEIN_MAIL_DROP=None)
def test_without_a_drop_there_is_no_mail_page_and_demo_logins_have_no_address(app: Flask) -> None:
    eva, _ = demo_login(app, "Eva Demo")
    assert eva.get("/me/mail/").status_code == 404
    with app.app_context():
        assert db.session().get(Person, "demo:eva-demo").email is None  # an SMTP server would refuse .invalid
    assert not any(link.get("href") == "/me/mail/" for link in find_all(parse(eva.get("/me/")), "a"))


def test_mail_is_sent_or_kept_not_both(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not both"):
        load_settings({"PLEIN_SECRET_KEY": "k", "PLEIN_SITE_URL": "https://intranet.example/",
                       "PLEIN_SMTP_HOST": "smtp.test", "PLEIN_MAIL_DROP": str(tmp_path)}, tmp_path)


def test_a_demo_login_owns_the_pages_that_name_its_address(app: Flask, sync: Any) -> None:
    """The sample site names people `Name <name@demo.invalid>` and the build lists the address: with a drop, as
    `make run` has, a demo login has its name's address, so signing in as the person a page names makes you its
    owner, told of the comments there."""
    sync(manifest(manifest_page("training/wol", owners=["lotte-vermeulen@demo.invalid"]), manifest_page("nieuws")))
    lotte, _ = demo_login(app, "Lotte Vermeulen")
    joost, token = demo_login(app, "Joost Demo")
    for page in ("training/wol", "nieuws"):
        posted = joost.post(f"/api/pages/{page}/comments", json={"text": "Wanneer start de volgende cirkel?"},
                            headers={"X-CSRF-Token": token})
        assert posted.status_code == 201, posted.json

    told = lotte.get("/api/notifications").json["notifications"]
    assert [(item["kind"], item["url"].split("#")[0]) for item in told] == [("owner", "/training/wol/")]
