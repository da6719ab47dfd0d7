"""What the questions list's filters offer: the site's sections by name and the owners pages name.

Readers do not know a section's path (``teams``) or how an owner is written in front matter (an id, an address or a
group), so the form offers them instead of leaving a blank field, with the name of a person the service knows
beside their id or address.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Page, PageOwner, Person
from ..services.owners import names_person

OWNERS_OFFERED = 200
"""Owners the form suggests at most (a list to type into, not to scroll)."""


@dataclass(frozen=True)
class Section:
    """A top-level section: its path as the filter takes it and the title of its index page."""

    path: str
    title: str


_SECTIONS = (
    select(Page.url, Page.title)
    .where(Page.archived.is_(False), Page.url.like("%/"), ~Page.url.like("%/%/"))
    .order_by(Page.title, Page.url)
)
_NAMED = select(PageOwner.owner).distinct().order_by(PageOwner.owner).limit(OWNERS_OFFERED).subquery()
_OWNERS = (  # a person named by id or by address (stored in lower case); a group has no name of its own
    select(_NAMED.c.owner, func.min(Person.name))
    .outerjoin(Person, names_person(_NAMED.c.owner))
    .group_by(_NAMED.c.owner).order_by(_NAMED.c.owner)
)


@dataclass(frozen=True)
class Owner:
    """An owner as pages name them, and the person's name when the service knows them ("" otherwise)."""

    key: str
    name: str


def sections(session: Session, chosen: str = "") -> list[Section]:
    """The sections whose index page the site has (``nieuws/`` titled "Nieuws"), by title; a ``chosen`` path that
    is not one of them (a deeper one such as ``teams/hr``, from a link) is kept, so the form still shows it."""
    found = [Section(url.rstrip("/"), title) for url, title in session.execute(_SECTIONS)]
    path = chosen.strip("/")
    if path and all(section.path != path for section in found):
        found.append(Section(path, path))
    return found


def owners(session: Session) -> list[Owner]:
    """The owners pages name, as they name them, each once."""
    return [Owner(key, name or "") for key, name in session.execute(_OWNERS)]
