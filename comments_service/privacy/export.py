"""Everything Plein holds about one person, as one JSON document: what "Mijn gegevens" downloads and
``flask person export`` writes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from ..clock import utcnow
from ..errors import ApiError
from ..models import Person
from .records import exported_rows, plain

FORMAT = "plein-personal-data"
VERSION = 1


def require_person(connection: Connection, person_id: str) -> None:
    """404 for a person Plein does not know."""
    if connection.scalar(select(Person.id).where(Person.id == person_id)) is None:
        raise ApiError(404, "person_not_found", "Plein holds nothing about this person.",
                       nl="Plein bewaart niets over deze persoon.")


def personal_data(connection: Connection, person_id: str) -> dict[str, Any]:
    """The person's rows of every registered table (table name -> rows), with the format and when it was made."""
    require_person(connection, person_id)
    return {
        "format": FORMAT,
        "version": VERSION,
        "person": person_id,
        "exported": plain(utcnow()),
        "tables": dict(exported_rows(connection, person_id)),
    }
