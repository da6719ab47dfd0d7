"""People as the single sign-on proxy describes them, stored when they first write."""

from __future__ import annotations

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from ..identity import DEMO_ID_PREFIX, Viewer
from ..models import Person, utcnow
from ..rendering.mentions import MentionResolver


# Built once: every write runs these (a statement built per request costs more than running it).
_STORED = select(Person.name, Person.email).where(Person.id == bindparam("person_id"))
_INSERT = insert(Person)
_UPDATE = update(Person).where(Person.id == bindparam("person_id"))  # SET: the other parameters' columns
_BY_HANDLE = (
    select(Person.id, Person.name)
    .where(func.lower(Person.id).in_(bindparam("candidates", expanding=True)))
    .order_by(Person.id)
    .limit(1)
)


def ensure_person(session: Session, viewer: Viewer) -> None:
    """Insert the viewer, or bring the stored name and e-mail up to date with the headers.

    Called by writes only, so reading a thread never writes to the database. Core statements: a
    write costs one small query here when nothing changed.
    """
    connection = session.connection()
    stored = connection.execute(_STORED, {"person_id": viewer.id}).first()
    if stored is None:
        connection.execute(_INSERT, {"id": viewer.id, "name": viewer.name, "email": viewer.email, "created": utcnow()})
    elif (stored.name, stored.email) != (viewer.name, viewer.email or stored.email):
        email = viewer.email or stored.email
        connection.execute(_UPDATE, {"person_id": viewer.id, "name": viewer.name, "email": email})


def mention_resolver(session: Session, demo: bool) -> MentionResolver:
    """A resolver for the renderer: ``@handle`` is a person id (case-insensitive; demo ids too)."""

    def resolve(handle: str) -> tuple[str, str] | None:
        """The id and name of the person ``@handle`` names, or ``None``."""
        candidates = [handle.casefold()] + ([(DEMO_ID_PREFIX + handle).casefold()] if demo else [])
        row = session.connection().execute(_BY_HANDLE, {"candidates": candidates}).first()
        return (row.id, row.name) if row is not None else None

    return resolve

