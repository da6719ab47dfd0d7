"""People: stored from the headers when they write, with no statement when nothing changed."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Flask
from sqlalchemy import select

from comments_service import db
from comments_service.identity import Viewer
from comments_service.models import Person
from comments_service.services.people import ensure_person

from service_helpers import Member, counted_queries


def on_people(statements: list[str]) -> list[str]:
    """The verbs of the statements that touch the ``people`` table."""
    return [statement.split()[0] for statement in statements if " people" in statement]


def stored(app: Flask, person_id: str) -> tuple[str, str | None]:
    with app.app_context():
        person = db.session().get(Person, person_id)
        assert person is not None
        return person.name, person.email


def test_a_person_this_process_stored_costs_no_statement(app: Flask, page: str, sanne: Member) -> None:
    assert sanne.csrf  # fetched before counting
    with counted_queries(app) as first:
        sanne.comment(page, "Een")
    with counted_queries(app) as second:
        sanne.comment(page, "Twee")
    assert on_people(first) == ["SELECT", "INSERT"]
    assert on_people(second) == []
    assert len(second) == len(first) - 2


def test_a_changed_name_in_the_headers_is_still_stored(app: Flask, page: str, person: Any) -> None:
    person("lotte", "Lotte").comment(page, "Hoi")
    renamed = person("lotte", "Lotte van Dam")
    assert renamed.csrf
    with counted_queries(app) as statements:
        renamed.comment(page, "Nieuwe naam")
    assert on_people(statements) == ["SELECT", "UPDATE"]
    assert stored(app, "lotte") == ("Lotte van Dam", "lotte@example.nl")
    without_email = Member(renamed.client, "lotte", "Lotte van Dam")
    assert without_email.csrf
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
