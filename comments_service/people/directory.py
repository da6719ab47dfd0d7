"""Finding colleagues: by the start of their name or any word of it (a double name's parts too), or of their id;
never low-profile people. Department accounts are found the same way, to be mentioned as ``@<id>``. The same search
pages through the people directory (``people/``). Names compare without case or accents (``names``): ``ozl`` finds
Özlem."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from ..identity import DEMO_ID_PREFIX
from ..models import Person
from .names import fold_name

SUGGESTIONS = 8
QUERY_MAX = 80
PER_PAGE = 50
"""People per page of the directory (``people/``)."""
BY_NAME = (Person.name_key, Person.name, Person.id)
"""The order of lists of people: by name without case or accents; the same folded name by the name itself."""


@dataclass(frozen=True)
class Colleague:
    """A person (or a department account, ``kind`` "department") as the @ autocomplete offers them: ``handle`` is
    what to type after the @."""

    id: str
    name: str
    department: str | None
    kind: str = "person"

    @property
    def handle(self) -> str:
        """The mention handle: the id, without the demo prefix (demo handles resolve with or without it)."""
        return self.id.removeprefix(DEMO_ID_PREFIX)

    def as_json(self) -> dict[str, object]:
        """The ``Colleague`` of the API contract."""
        return {"id": self.id, "name": self.name, "handle": self.handle, "department": self.department,
                "kind": self.kind}


def _words(name: str) -> list[str]:
    """The words a name is found by (folded): split at blanks and at the hyphens of double names."""
    return fold_name(name).replace("-", " ").split()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def suggest(
    session: Session, query: str, departments: Mapping[str, str], limit: int = SUGGESTIONS
) -> list[Colleague]:
    """The department accounts (id -> display name), then the visible people, whose name (any word) or id starts
    with ``query``, without case or accents, by name; at most ``limit`` in all."""
    words = fold_name(query.strip()[:QUERY_MAX])
    if not words:
        return []
    accounts = department_accounts(query, departments)[:limit]
    people = _people(session, words, limit - len(accounts)) if len(accounts) < limit else []
    return accounts + people


def department_accounts(query: str, departments: Mapping[str, str]) -> list[Colleague]:
    """The department accounts (id -> display name) whose name (any word) or id starts with ``query``
    (without case or accents; everyone for a blank one), by name."""
    words = fold_name(query.strip()[:QUERY_MAX])
    return sorted(
        (Colleague(id_, name, None, kind="department") for id_, name in departments.items()
         if id_.casefold().startswith(words) or any(word.startswith(words) for word in _words(name))),
        key=lambda account: (fold_name(account.name), account.id),
    )


def _colleagues(conditions: list[ColumnElement[bool]]) -> Select[str, str, str | None]:
    """The people meeting ``conditions`` as colleagues, by name."""
    return select(Person.id, Person.name, Person.department).where(*conditions).order_by(*BY_NAME)


def _people(session: Session, words: str, limit: int) -> list[Colleague]:
    """Visible people whose name (any word) or id starts with ``words`` (folded), by name."""
    return [Colleague(*row) for row in session.execute(_colleagues(_visible_matching(words)).limit(limit))]


def _visible_matching(words: str) -> list[ColumnElement[bool]]:
    """The conditions for visible people whose name (any word) or id starts with ``words`` (folded; blank:
    everyone visible)."""
    conditions: list[ColumnElement[bool]] = [Person.low_profile.is_(False)]
    if words:
        start = _escape_like(words) + "%"
        name, id_ = Person.name_key, func.lower(Person.id)
        conditions.append(or_(
            name.like(start, escape="\\"),
            name.like("% " + start, escape="\\"),
            name.like("%-" + start, escape="\\"),  # the second part of a double name: Jansen-de Vries
            id_.like(start, escape="\\"),
            id_.like(_escape_like(DEMO_ID_PREFIX) + start, escape="\\"),
        ))
    return conditions


def listed(session: Session, query: str, page: int) -> tuple[list[Colleague], int]:
    """Page ``page`` (``PER_PAGE`` people, by name) of the people directory: the visible people whose name (any
    word) or id starts with ``query`` (everyone for a blank one); and how many pages there are (at least one)."""
    conditions = _visible_matching(fold_name(query.strip()[:QUERY_MAX]))
    total = session.scalar(select(func.count()).select_from(Person).where(*conditions)) or 0
    rows = session.execute(_colleagues(conditions).limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    return [Colleague(*row) for row in rows], max(1, math.ceil(total / PER_PAGE))


def visible_person(session: Session, person_id: str) -> Person | None:
    """The person, unless unknown or keeping a low profile (then nobody may look them up)."""
    person = session.get(Person, person_id)
    return person if person is not None and not person.low_profile else None
