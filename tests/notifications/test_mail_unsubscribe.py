"""Unsubscribing from a mail without logging in: one-click POST, the link's page, forged and expired tokens."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from comments_service.clock import ControlledClock
from comments_service.notifications.jobs import run_deliveries

from mail_helpers import MAIL, SmtpServer
from service_helpers import Member, manifest, manifest_page

pytestmark = pytest.mark.plein_settings(**MAIL)

PAGE = "werk/thuis"
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def unsubscribe_path(app: Flask, smtp: SmtpServer, sync: Any, sanne: Member, joost: Member) -> str:
    """Sanne gets a mail about a mention; the path of its unsubscribe link."""
    sync(manifest(manifest_page(PAGE)))
    for member in (sanne, joost):
        member.get("/api/me")
    joost.comment(PAGE, "@sanne kijk even")
    run_deliveries(app)
    [mail] = smtp.inbox.received
    found = re.fullmatch(r"<http://intranet\.test(/api/unsubscribe/[\w.-]+)>", mail.message["List-Unsubscribe"])
    assert found
    return found.group(1)


def test_one_click_post_without_login_stops_that_kind_of_mail(
    app: Flask, smtp: SmtpServer, sync: Any, client: FlaskClient, sanne: Member, joost: Member
) -> None:
    path = unsubscribe_path(app, smtp, sync, sanne, joost)
    answer = client.post(path, data=ONE_CLICK)  # as a mail provider sends it: no cookie, no CSRF token
    assert answer.status_code == 200 and answer.json == {"unsubscribed": ["mention"]}
    preferences = sanne.get("/api/notifications/preferences").json["preferences"]
    assert preferences["mention"] == "never" and preferences["reply"] == "instant"

    joost.comment(PAGE, "@sanne nog een keer")
    assert run_deliveries(app) == 0
    assert len(smtp.inbox.received) == 1


def test_the_link_shows_a_page_whose_button_unsubscribes(
    app: Flask, smtp: SmtpServer, sync: Any, client: FlaskClient, sanne: Member, joost: Member
) -> None:
    path = unsubscribe_path(app, smtp, sync, sanne, joost)
    page = client.get(path, headers={"Accept": "text/html", "Accept-Language": "en"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    # in the mail's language, whatever the browser prefers; in the site's frame, whose styles the page may load
    assert 'plein-unsubscribe" lang="nl"' in html and "Wil je geen mail meer over vermeldingen van jou?" in html
    assert "default-src 'none'" not in page.headers["Content-Security-Policy"]
    assert f'action="{path}"' in html
    assert sanne.get("/api/notifications/preferences").json["preferences"]["mention"] == "instant"  # GET: no change

    done = client.post(path, data=ONE_CLICK, headers={"Accept": "text/html,*/*;q=0.8"})
    assert done.status_code == 200 and "Je krijgt geen mail meer over vermeldingen van jou." in done.get_data(
        as_text=True)
    assert sanne.get("/api/notifications/preferences").json["preferences"]["mention"] == "never"


def test_a_forged_or_expired_token_gets_a_clear_400(
    app: Flask, smtp: SmtpServer, sync: Any, client: FlaskClient, clock: ControlledClock, sanne: Member,
    joost: Member
) -> None:
    path = unsubscribe_path(app, smtp, sync, sanne, joost)
    forged = path[:-3] + ("abc" if not path.endswith("abc") else "xyz")
    answer = client.post(forged, data=ONE_CLICK)
    assert answer.status_code == 400 and answer.json["error"]["code"] == "bad_unsubscribe_token"
    page = client.get(forged, headers={"Accept-Language": "en"})
    assert page.status_code == 400 and "This unsubscribe link is not right." in page.get_data(as_text=True)

    clock.advance(dt.timedelta(days=91))
    expired = client.post(path, data=ONE_CLICK, headers={"Accept-Language": "nl"})
    assert expired.status_code == 400 and expired.json["error"]["code"] == "expired_unsubscribe_token"
    assert expired.json["error"]["message"].startswith("Deze afmeldlink is verlopen")
    assert "verlopen" in client.get(path).get_data(as_text=True)
    assert sanne.get("/api/notifications/preferences").json["preferences"]["mention"] == "instant"
