"""The JSON shapes of the API contract (``Comment``, ``Reactions``), built from stored rows.

Nothing is rendered here: a comment's HTML was made when it was written. Views and the thread
assembly both use these functions, so a comment looks the same in a thread and in a write answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..identity import Viewer, settings
from ..models import ERASED_PREFIX, CommentState
from .pages import permalink


@dataclass(frozen=True)
class CommentRow:
    """The stored fields of one comment, with its author's name."""

    id: int
    parent_id: int | None
    author_id: str
    author_name: str
    text: str
    html: str
    state: str
    created: dt.datetime
    edited: dt.datetime | None
    department: str | None = None  # posted as this department (its id)


@dataclass(frozen=True)
class PageContext:
    """What every comment of a page needs to know about the page and the viewer."""

    page_id: str
    page_url: str
    archived: bool
    viewer: Viewer | None

    @property
    def can_write(self) -> bool:
        """The viewer may add comments and reactions here."""
        return self.viewer is not None and not self.archived


def iso(moment: dt.datetime | None) -> str | None:
    """ISO 8601 with the UTC offset, or ``None``."""
    return moment.isoformat() if moment is not None else None


def reactions_json(
    counts: Mapping[str, int], mine: Iterable[str], emoji_order: Sequence[str]
) -> dict[str, object]:
    """``Reactions``: emoji in the configured order; emoji no longer configured come last."""
    if not counts and not mine:
        return {"counts": {}, "mine": []}
    positions = {emoji: index for index, emoji in enumerate(emoji_order)}

    def order(emoji: str) -> tuple[int, str]:
        return positions.get(emoji, len(positions)), emoji

    present = sorted((emoji for emoji, count in counts.items() if count), key=order)
    return {"counts": {emoji: counts[emoji] for emoji in present}, "mine": sorted(mine, key=order)}


def _author(row: CommentRow, context: PageContext) -> dict[str, object]:
    """The author as the viewer may see them: a department post shows the department (with ``"department":
    true``); its author and moderators also see who wrote it (``written_by``), unless the writer was erased."""
    if row.department is None:
        return {"id": row.author_id, "name": row.author_name}
    author: dict[str, object] = {
        "id": row.department, "name": settings().departments.get(row.department, row.department), "department": True,
    }
    viewer = context.viewer
    erased = row.author_id.startswith(ERASED_PREFIX)
    if viewer is not None and (viewer.id == row.author_id or viewer.is_moderator) and not erased:
        author["written_by"] = {"id": row.author_id, "name": row.author_name}
    return author


def comment_json(
    row: CommentRow,
    context: PageContext,
    *,
    reactions: dict[str, object],
    hashtags: list[str],
    replies: list[dict[str, object]],
) -> dict[str, object]:
    """``Comment``; a removed comment is a placeholder without author or content."""
    viewer = context.viewer
    is_author = viewer is not None and viewer.id == row.author_id
    moderator = viewer is not None and viewer.is_moderator
    removed = row.state == CommentState.REMOVED
    answer: dict[str, object] = {
        "id": row.id,
        "parent_id": row.parent_id,
        "page_id": context.page_id,
        "author": None if removed else _author(row, context),
        "html": "" if removed else row.html,
        "created": iso(row.created),
        "edited": iso(row.edited),
        "state": row.state,
        "permalink": permalink(context.page_url, row.id),
        "hashtags": [] if removed else hashtags,
        "reactions": {"counts": {}, "mine": []} if removed else reactions,
        "can": {
            "edit": is_author and row.state == CommentState.VISIBLE,
            "delete": is_author and not removed,
            "hide": moderator and row.state == CommentState.VISIBLE,
            "restore": moderator and row.state == CommentState.HIDDEN,
            "reply": context.can_write and row.state == CommentState.VISIBLE,
        },
        "replies": replies,
    }
    if is_author and not removed:
        answer["text"] = row.text
    return answer
