""""Mijn gegevens" without JavaScript: what is held, the download, erasure in two steps, the session ended."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask
from sqlalchemy import select

from comments_service import create_app, db
from comments_service.models import Person
from comments_service.privacy.erasure import erase_person

from pages_helpers import button, find_all, forms, parse, submit, text
from privacy_helpers import SECRET, lived_in
from service_helpers import Member, close_app

DATA = "/me/data/"


def test_the_page_shows_what_is_held_and_links_the_download(app: Flask, sanne: Member, joost: Member,
                                                            sync: Any) -> None:
    lived_in(sanne, joost, sync, app)

    page = parse(sanne.get(DATA))

    facts = text(find_all(page, "dl", class_="plein-facts")[0])
    assert "sanne@example.nl" in facts and "Sanne de Vries" in facts
    held = {text(row.findall("*")[0]): text(row.findall("*")[1]) for row in find_all(page, "tr")[1:]}
    assert list(held)[:3] == ["Comments", "Earlier versions of comments", "Hashtags in your comments"]
    assert held["Comments"] == "3" and held["Earlier versions of comments"] == "1" and held["Emoji reactions"] == "2"
    [download] = [link for link in find_all(page, "a") if link.get("href") == DATA + "export.json"]
    answer = sanne.get(download.get("href"))
    assert answer.status_code == 200 and answer.headers["Content-Disposition"].startswith("attachment;")
    assert answer.headers["Cache-Control"] == "private, no-store"
    assert SECRET in json.dumps(answer.json["tables"]["comments"])
    overview = parse(sanne.get("/me/"))
    assert any(link.get("href") == DATA for link in find_all(overview, "a"))  # linked from Mijn overzicht


def test_anonymous_readers_are_asked_to_sign_in(client: Any) -> None:
    for path in (DATA, DATA + "export.json", DATA + "erase"):
        assert client.get(path).status_code == 401


def test_erasure_takes_a_typed_confirmation_then_ends_the_session(
    app: Flask, sanne: Member, joost: Member, sync: Any
) -> None:
    lived_in(sanne, joost, sync, app)
    page = parse(sanne.get(DATA))
    [onward] = [link for link in find_all(page, "a") if link.get("href") == DATA + "erase"]
    confirm = parse(sanne.get(onward.get("href")))
    [form] = forms(confirm)

    wrong = submit(sanne, form, button(form), confirm="yes")
    assert wrong.status_code == 422 and "Type exactly ERASE" in text(find_all(parse(wrong), "p", role="alert")[0])
    with app.app_context():
        assert db.session().get(Person, "sanne") is not None  # nothing erased

    done = submit(sanne, form, button(form), confirm="erase")  # the word the site's language asks for
    assert done.status_code == 303 and done.headers["Location"].endswith(DATA + "erased")
    assert "Set-Cookie" not in done.headers or "session=;" in done.headers["Set-Cookie"]
    after = sanne.client.get(done.headers["Location"])  # no identity headers: the session is over
    assert after.status_code == 200 and "Your data is erased" in text(parse(after))
    with app.app_context():
        assert db.session().scalar(select(Person.id).where(Person.id == "sanne")) is None


def test_an_erasure_another_worker_did_a_moment_ago_is_answered_as_done(
    app: Flask, settings: dict[str, Any], sanne: Member, joost: Member, sync: Any
) -> None:
    """The erasure form sent twice (a double click) reaches two workers: the second finds the person gone, which is
    what was asked; the browser shows its answer, so that is "erased", not "not found"."""
    lived_in(sanne, joost, sync, app)
    confirm = parse(sanne.get(DATA + "erase"))  # this worker knows sanne from her visits
    [form] = forms(confirm)
    other_worker = create_app(settings)  # its own engine and memory of visits, as another process has
    try:
        with other_worker.app_context():
            db.retried(lambda current: erase_person(current, "sanne"))
    finally:
        close_app(other_worker)

    done = submit(sanne, form, button(form), confirm="erase")
    assert done.status_code == 303 and done.headers["Location"].endswith(DATA + "erased")
    with app.app_context():
        assert db.session().scalar(select(Person.id).where(Person.id == "sanne")) is None


def test_a_forged_erasure_is_refused(app: Flask, sanne: Member, joost: Member, sync: Any) -> None:
    lived_in(sanne, joost, sync, app)
    headers = {**sanne.identity, "Sec-Fetch-Site": "same-origin", "Origin": "http://intranet.test"}

    forged = sanne.client.post(DATA + "erase", data={"confirm": "ERASE", "csrf_token": "x"}, headers=headers)
    cross = sanne.client.post(DATA + "erase", data={"confirm": "ERASE", "csrf_token": sanne.csrf},
                              headers={**headers, "Sec-Fetch-Site": "cross-site", "Origin": "http://evil.test"})

    assert forged.status_code == cross.status_code == 403
    with app.app_context():
        assert db.session().get(Person, "sanne") is not None
