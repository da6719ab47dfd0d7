"""The people a page's front matter names as owners (`owner:`/`owners:`, listed by the manifest), and the names
that reach nobody.

A name reaches a person by their id, by their e-mail address (stored in lower case), or as a group they are a
member of. The service knows people and their groups from their visits only, so a name that reaches nobody may be
a typo, a display name (`Lotte Vermeulen` instead of `Lotte Vermeulen <lotte@example.nl>`), or a colleague or
team that has not signed in yet: comments on that page reach no owner.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, SQLColumnExpression, exists, func, or_, select, union
from sqlalchemy.orm import Session

from ..models import GroupMember, Page, PageOwner, Person

UNREACHED_LISTED = 50
"""At most so many names in a sync's summary: enough to act on, short enough for a build log."""


def names_person(name: SQLColumnExpression[str]) -> ColumnElement[bool]:
    """SQL: the owner ``name`` is this row of ``people``, by id or by address (stored in lower case)."""
    return or_(Person.id == name, Person.email == func.lower(name))


def page_owner_ids(session: Session, page_pk: int) -> set[str]:
    """The people the page's front matter names as owners: by id, by e-mail address, or as members of a group."""
    names = select(PageOwner.owner).where(PageOwner.page_pk == page_pk)
    found = session.scalars(union(
        select(Person.id).where(Person.id.in_(names)),
        select(Person.id).where(Person.email.in_(select(func.lower(PageOwner.owner))
                                                 .where(PageOwner.page_pk == page_pk))),
        select(GroupMember.person_id).where(GroupMember.group.in_(names)),
    ))
    return set(found)


def unreached_owners(session: Session) -> list[str]:
    """Owner names of pages in the site (not archived) that reach no person the service knows, in order, at most
    ``UNREACHED_LISTED``."""
    name = PageOwner.owner
    return list(session.scalars(
        select(name).distinct().join(Page, Page.pk == PageOwner.page_pk)
        .where(Page.archived.is_(False))
        .where(~exists().where(names_person(name)), ~exists().where(GroupMember.group == name))
        .order_by(name).limit(UNREACHED_LISTED)
    ))
