"""Finding colleagues: by the start of their name or any word of it, or of their id; never low-profile people."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..identity import DEMO_ID_PREFIX
from ..models import Person

SUGGESTIONS = 8
QUERY_MAX = 80


@dataclass(frozen=True)
class Colleague:
    """A person as the @ autocomplete offers them: ``handle`` is what to type after the @."""

    id: str
    name: str
    department: str | None

    @property
    def handle(self) -> str:
        """The mention handle: the id, without the demo prefix (demo handles resolve with or without it)."""
        return self.id.removeprefix(DEMO_ID_PREFIX)

    def as_json(self) -> dict[str, object]:
        """The ``Colleague`` of the API contract."""
        return {"id": self.id, "name": self.name, "handle": self.handle, "department": self.department}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def suggest(session: Session, query: str, limit: int = SUGGESTIONS) -> list[Colleague]:
    """Visible people whose name (any word) or id starts with ``query``, case-insensitively, by name."""
    words = query.strip().casefold()[:QUERY_MAX]
    if not words:
        return []
    start = _escape_like(words) + "%"
    name = func.lower(Person.name)
    rows = session.execute(
        select(Person.id, Person.name, Person.department)
        .where(
            Person.low_profile.is_(False),
            or_(
                name.like(start, escape="\\"),
                name.like("% " + start, escape="\\"),
                func.lower(Person.id).like(start, escape="\\"),
                func.lower(Person.id).like(_escape_like(DEMO_ID_PREFIX) + start, escape="\\"),
            ),
        )
        .order_by(Person.name, Person.id)
        .limit(limit)
    )
    return [Colleague(*row) for row in rows]


def visible_person(session: Session, person_id: str) -> Person | None:
    """The person, unless unknown or keeping a low profile (then nobody may look them up)."""
    person = session.get(Person, person_id)
    return person if person is not None and not person.low_profile else None
