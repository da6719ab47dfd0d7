"""Reactions: one of each configured emoji per person on a page or a comment, toggled."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import cast

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session

from ..config import Settings
from ..db import rows_changed
from ..errors import ApiError
from ..identity import Viewer
from ..models import Comment, CommentState, Person, Reaction
from .comments import get_comment
from .pages import PageRef, get_page, page_by_pk, touch
from .people import ensure_person
from .present import reactions_json


@dataclass(frozen=True)
class Target:
    """A page (``comment_id`` ``None``) or one of its comments."""

    page: PageRef
    comment_id: int | None


def page_target(session: Session, page_identity: str) -> Target:
    """The page as a reaction target (404 when unknown)."""
    return Target(get_page(session, page_identity), None)


def comment_target(session: Session, comment_id: int) -> Target:
    """A comment as a reaction target: 404 when unknown, or when hidden or removed."""
    comment: Comment = get_comment(session, comment_id)
    if comment.state != CommentState.VISIBLE:
        raise ApiError(404, "comment_not_found", f"There is no comment {comment_id}.", nl=f"Er is geen reactie {comment_id}.")
    return Target(page_by_pk(session, comment.page_pk), comment.id)


def _target_filter(target: Target) -> tuple[ColumnElement[bool], ...]:
    """The conditions that select the reactions of ``target`` and no others."""
    if target.comment_id is None:
        return (Reaction.page_pk == target.page.pk, Reaction.comment_id.is_(None))
    return (Reaction.comment_id == target.comment_id,)


def toggle_reaction(session: Session, config: Settings, viewer: Viewer, target: Target, emoji: str) -> None:
    """Add the viewer's ``emoji`` to the target, or take it back when it is there already."""
    if emoji not in config.emoji:
        raise ApiError(422, "unknown_emoji", f"Choose one of {' '.join(config.emoji)}.",
                       nl=f"Kies een van {' '.join(config.emoji)}.")
    if target.page.archived:
        raise ApiError(409, "page_archived", "This page is archived: its conversation is closed.",
                       nl="Deze pagina is gearchiveerd: het gesprek is gesloten.")
    touch(session, target.page.pk)  # the page row first, as every write to a conversation (lock_conversation)
    ensure_person(session, viewer)
    removed = rows_changed(session, delete(Reaction).where(
        *_target_filter(target), Reaction.person_id == viewer.id, Reaction.emoji == emoji
    ))
    if not removed:
        session.add(Reaction(page_pk=target.page.pk, comment_id=target.comment_id, person_id=viewer.id, emoji=emoji))


def reactions_of(
    session: Session, config: Settings, viewer: Viewer | None, target: Target, *, with_people: bool,
    colleague: str = "a colleague",
) -> dict[str, object]:
    """``Reactions`` of the target; with ``people`` (who reacted, in order) when asked.

    A person who keeps a low profile is in no list: others see them as "a colleague" without an id
    (``colleague``, in the reader's language), they see themselves.
    """
    rows = session.execute(
        select(Reaction.emoji, Reaction.person_id, Person.name, Person.low_profile)
        .join(Person, Person.id == Reaction.person_id)
        .where(*_target_filter(target))
        .order_by(Reaction.id)
    ).all()
    people: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    for emoji, person_id, name, low_profile in rows:
        hidden = low_profile and (viewer is None or person_id != viewer.id)
        people[emoji].append({"id": None, "name": colleague} if hidden else {"id": person_id, "name": name})
    mine = [emoji for emoji, person_id, *_ in rows if viewer is not None and person_id == viewer.id]
    answer = reactions_json({emoji: len(who) for emoji, who in people.items()}, mine, config.emoji)
    if with_people:
        answer["people"] = {emoji: people[emoji] for emoji in cast(dict[str, int], answer["counts"])}
    return answer
