"""People as the single sign-on proxy describes them, stored when they first write."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..identity import DEMO_ID_PREFIX, Viewer
from ..models import Person
from ..rendering.mentions import MentionResolver


def ensure_person(session: Session, viewer: Viewer) -> Person:
    """Insert the viewer, or bring the stored name and e-mail up to date with the headers.

    Called by writes only, so reading a thread never writes to the database.
    """
    person = session.get(Person, viewer.id)
    if person is None:
        person = Person(id=viewer.id, name=viewer.name, email=viewer.email)
        session.add(person)
        session.flush()
    elif (person.name, person.email) != (viewer.name, viewer.email or person.email):
        person.name = viewer.name
        person.email = viewer.email or person.email
    return person


def mention_resolver(session: Session, demo: bool) -> MentionResolver:
    """A resolver for the renderer: ``@handle`` is a person id (case-insensitive; demo ids too)."""

    def resolve(handle: str) -> tuple[str, str] | None:
        """The id and name of the person ``@handle`` names, or ``None``."""
        candidates = [handle.casefold()] + ([(DEMO_ID_PREFIX + handle).casefold()] if demo else [])
        row = session.execute(
            select(Person.id, Person.name).where(func.lower(Person.id).in_(candidates)).order_by(Person.id).limit(1)
        ).first()
        return (row.id, row.name) if row is not None else None

    return resolve

