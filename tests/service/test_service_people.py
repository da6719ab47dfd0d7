"""People: stored from the headers when they write, with no statement when nothing changed."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from flask import Flask
from sqlalchemy import select

from comments_service import db
from comments_service.identity import Viewer
from comments_service.models import Person
from comments_service.services.people import ensure_person

from service_helpers import Member, counted_queries


_READS_PERSON = re.compile(r"people\.name, (people\.name_key, )?people\.email")  # a visit reads all the columns


def on_people(statements: list[str]) -> list[str]:
    """The verbs of the statements that store a person or look up what is stored of one (the notification
    rules also read ``people``, for owners and followers: those are not counted here)."""
    return [
        statement.split()[0] for statement in statements
        if statement.startswith(("INSERT INTO people", "UPDATE people")) or _READS_PERSON.search(statement)
    ]


def stored(app: Flask, person_id: str) -> tuple[str, str | None]:
    with app.app_context():
        person = db.session().get(Person, person_id)
        assert person is not None
        return person.name, person.email


def test_a_person_this_process_stored_costs_no_statement(app: Flask, page: str, sanne: Member) -> None:
    with counted_queries(app) as visit:
        assert sanne.csrf  # /api/me: the first visit stores her
    with counted_queries(app) as first:
        sanne.comment(page, "Een")
    with counted_queries(app) as second:
        sanne.comment(page, "Twee")
    assert on_people(visit)[:2] == ["SELECT", "INSERT"]
    assert on_people(first) == on_people(second) == []
    assert len(second) == len(first)


def test_a_changed_name_in_the_headers_is_still_stored(app: Flask, page: str, person: Any) -> None:
    lotte = person("lotte", "Lotte")
    lotte.comment(page, "Hoi")
    renamed = person("lotte", "Lotte van Dam")
    renamed._csrf = lotte.csrf  # the token names the person id; no visit by the new name before the write
    with counted_queries(app) as statements:
        renamed.comment(page, "Nieuwe naam")
    assert on_people(statements) == ["SELECT", "UPDATE"]
    assert stored(app, "lotte") == ("Lotte van Dam", "lotte@example.nl")
    without_email = Member(renamed.client, "lotte", "Lotte van Dam", _csrf=lotte.csrf)
    with counted_queries(app) as statements:
        without_email.comment(page, "Zonder e-mail")
    assert on_people(statements) == []  # no e-mail header keeps the stored one
    assert stored(app, "lotte") == ("Lotte van Dam", "lotte@example.nl")


def test_a_person_seen_stored_is_remembered_once_committed(app: Flask) -> None:
    viewer = Viewer("noor", "Noor", None, ("member",))
    with app.app_context():
        session = db.session()
        ensure_person(session, viewer)
        session.rollback()  # the insert is undone, so nothing may be remembered
        with counted_queries(app) as statements:
            ensure_person(session, viewer)
            session.commit()
        assert on_people(statements) == ["SELECT", "INSERT"]
        assert session.scalar(select(Person.name).where(Person.id == "noor")) == "Noor"
        session.commit()
        with counted_queries(app) as statements:
            ensure_person(session, viewer)
            ensure_person(session, replace(viewer, name="Noor Jansen"))
            session.commit()
        assert on_people(statements) == ["SELECT", "UPDATE"]
        assert session.scalar(select(Person.name).where(Person.id == "noor")) == "Noor Jansen"
