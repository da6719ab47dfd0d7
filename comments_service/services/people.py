"""People as the single sign-on proxy describes them, stored when they first write."""

from __future__ import annotations

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from ..identity import DEMO_ID_PREFIX, Viewer
from ..models import Person, utcnow
from ..rendering.mentions import MentionResolver


_STORED = select(Person.name, Person.email).where(Person.id == bindparam("person_id"))


def ensure_person(session: Session, viewer: Viewer) -> None:
    """Insert the viewer, or bring the stored name and e-mail up to date with the headers.

    Called by writes only, so reading a thread never writes to the database. Core statements: a
    write costs one small query here when nothing changed.
    """
    connection = session.connection()
    stored = connection.execute(_STORED, {"person_id": viewer.id}).first()
    if stored is None:
        connection.execute(insert(Person).values(id=viewer.id, name=viewer.name, email=viewer.email, created=utcnow()))
    elif (stored.name, stored.email) != (viewer.name, viewer.email or stored.email):
        connection.execute(
            update(Person).where(Person.id == viewer.id).values(name=viewer.name, email=viewer.email or stored.email)
        )


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

