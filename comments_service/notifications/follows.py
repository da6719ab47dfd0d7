"""Following a page, a hashtag or a person: the rows (who follows what a new comment touches: ``events``)."""

from __future__ import annotations

import enum

from sqlalchemy import String, cast, delete, select, update
from sqlalchemy.orm import Session

from hashtag_grammar import is_hashtag, slugify

from ..db import insert_of
from ..errors import ApiError
from ..models import Page, Person
from .models import Follow


class Target(enum.StrEnum):
    """What can be followed; a page by its key (which survives renames), a hashtag by slug, a person by id."""

    PAGE = "page"
    HASHTAG = "hashtag"
    PERSON = "person"


def page_key(page_pk: int) -> str:
    """How a page is named in ``follows.target``."""
    return str(page_pk)


PAGE_KEY = cast(Page.pk, String)
"""`page_key` in SQL: a statement over pages matches their follows by it."""


def move_page_follows(session: Session, old_pk: int, new_pk: int) -> None:
    """A page merged into another: its followers follow the other (once)."""
    old, new = page_key(old_pk), page_key(new_pk)
    already = select(Follow.person_id).where(Follow.target_kind == Target.PAGE, Follow.target == new)
    session.execute(
        delete(Follow).where(Follow.target_kind == Target.PAGE, Follow.target == old, Follow.person_id.in_(already))
    )
    session.execute(
        update(Follow).where(Follow.target_kind == Target.PAGE, Follow.target == old).values(target=new)
    )


def resolve_target(session: Session, kind: str, target: str) -> str:
    """The stored key of a followable thing named in a request (a page by identity); 404 when unknown."""
    if kind == Target.PAGE:
        page_pk = session.scalar(select(Page.pk).where(Page.identity == target))
        if page_pk is None:
            raise ApiError(404, "page_not_found", f"There is no page {target[:80]!r}.",
                           nl=f"Er is geen pagina {target[:80]!r}.")
        return page_key(page_pk)
    if kind == Target.PERSON:
        visible = session.scalar(select(Person.id).where(Person.id == target, Person.low_profile.is_(False)))
        if visible is None:
            raise ApiError(404, "person_not_found", f"There is no person {target[:80]!r} to follow.",
                           nl=f"Er is geen persoon {target[:80]!r} om te volgen.")
        return target
    if kind == Target.HASHTAG:
        tag = target.removeprefix("#")
        if not is_hashtag(tag):
            raise ApiError(400, "not_a_hashtag", f"{target[:80]!r} is not a hashtag.",
                           nl=f"{target[:80]!r} is geen hashtag.")
        return slugify(tag)
    raise ApiError(400, "unknown_follow_kind", "Follow a page, a hashtag or a person.",
                   nl="Volg een pagina, een hashtag of een persoon.")


def is_following(session: Session, person_id: str, kind: str, key: str) -> bool:
    """Whether the person follows that target."""
    found = select(Follow.person_id).where(
        Follow.person_id == person_id, Follow.target_kind == kind, Follow.target == key
    )
    return session.scalar(found) is not None


def follow(session: Session, person_id: str, kind: str, key: str) -> None:
    """Follow (once: following again changes nothing, even twice at the same moment from two tabs).

    One insert that skips an existing row: a look first and an insert after would let two requests both find
    nothing, and the later one's insert would break on the row the other just made.
    """
    row = {"person_id": person_id, "target_kind": kind, "target": key}
    session.execute(insert_of(session)(Follow).values(row).on_conflict_do_nothing())


def unfollow(session: Session, person_id: str, kind: str, key: str) -> None:
    """Stop following (not following is fine too)."""
    session.execute(
        delete(Follow).where(Follow.person_id == person_id, Follow.target_kind == kind, Follow.target == key)
    )
