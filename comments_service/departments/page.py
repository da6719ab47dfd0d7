"""A department account's page at ``{site_root}departments/<id>/``: who speaks for it and what it said.

A path of its own (``departments/``, not ``people/``), so a department never clashes with a person whose id is
the same as the group's. Members who keep a low profile are counted, never named.
"""

from __future__ import annotations

from flask import Response
from sqlalchemy import select

from .. import db
from ..api.payload import page_number
from ..errors import ApiError
from ..models import GroupMember, Person
from ..pages import stream
from ..pages.html import bp, language, render, require_page, visitor
from ..people.directory import BY_NAME
from ..rendering.mentions import department_path, person_path
from ..identity import settings
from .strings import STRINGS


@bp.get("/departments/<path:department>/")
def department_page(department: str) -> Response:
    """Name, the members one may name, and (``?page=``) what was written as the department, newest first."""
    visitor()
    config = settings()
    name = config.departments.get(department)
    if name is None:
        raise ApiError(404, "department_not_found", "There is no such department account.",
                       nl="Dit afdelingsaccount bestaat niet.")
    session = db.session()
    posts = stream.listing(session, config.site_root, stream.by_department(department), page_number())
    require_page(posts.page, posts.pages)
    people = session.execute(
        select(Person.id, Person.name, Person.low_profile).join(GroupMember, GroupMember.person_id == Person.id)
        .where(GroupMember.group == department).order_by(*BY_NAME)
    ).all()
    words = STRINGS[language()]
    return render(
        "department.html", name, name=name, d=words, posts=posts,
        members=[(member_name, config.site_root + person_path(person_id))
                 for person_id, member_name, low in people if not low],
        unnamed=sum(1 for *_, low in people if low),
        here=config.site_root + department_path(department),
    )
