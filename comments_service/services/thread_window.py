"""Which comments one answer of a long conversation holds: the newest, each with the comments it answers.

A conversation of hundreds of comments must not travel whole on every page load (one of 600 comments moved
2 GB in a load test). An answer holds the newest ``size`` comments the viewer may see, older than the cursor
when one is given, and every comment they answer up to the top, so a reply is never shown without its context
(as Discourse and Remark42 keep a reply with what it answers). The cursor of the next answer is the oldest
comment taken; asking with it gives the ``size`` before that that no newer answer held already, and so on until
nothing older is left. A comment may come again as the context of an older one: readers merge by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from ..errors import ApiError
from ..models import ID_MAX, CommentState

MAX_DEPTH = 32  # replies nest this deep in the answer; deeper ones are stored as written


class Placed(Protocol):
    """What choosing an answer needs of a comment: where it stands and whether it shows (a whole stored row has
    it, and so has the outline a long conversation is first read as)."""

    @property
    def id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def state(self) -> str: ...


Row = TypeVar("Row", bound=Placed)


@dataclass(frozen=True)
class Window(Generic[Row]):
    """The rows one answer holds, in the conversation's order, and where the older ones continue."""

    rows: list[Row]
    before: int | None
    """The cursor for the next, older answer (``?before=``); ``None`` when this answer reaches the start."""
    older: int
    """Visible comments older than this answer and not in it (as the thread's ``comment_count``, placeholders and
    hidden comments are not counted)."""


def parse_cursor(raw: str | None) -> int | None:
    """``?before=<comment id>``: absent or empty for the newest comments; else a comment's number (400 otherwise)."""
    if raw is None or raw == "":
        return None
    if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) <= ID_MAX:
        raise ApiError(400, "bad_cursor", "before must be a comment's number.",
                       nl="before moet het nummer van een reactie zijn.")
    return int(raw)


def holders(rows: Sequence[Placed]) -> dict[int, int]:
    """For each comment, the comment whose ``replies`` hold its own replies: itself, or below
    ``MAX_DEPTH`` the ancestor at that depth (deeper replies are shown at that depth; their
    ``parent_id`` still names the comment they answer)."""
    depth: dict[int, int] = {}
    holder: dict[int, int] = {}
    for row in sorted(rows, key=lambda row: row.id):
        if row.parent_id in depth:
            depth[row.id] = depth[row.parent_id] + 1
            holder[row.id] = row.id if depth[row.id] < MAX_DEPTH else holder[row.parent_id]
        else:
            depth[row.id], holder[row.id] = 0, row.id
    return holder


def window(
    rows: Sequence[Row], shown: set[int], holder: Mapping[int, int], *, before: int | None, size: int
) -> Window[Row]:
    """The newest ``size`` shown comments older than ``before`` (all rows when ``None``), each with the chain of
    comments that hold it (its ancestors, at most ``MAX_DEPTH``: deeper replies are listed flat at that depth).

    ``rows`` is the whole conversation in its order (oldest first); ``shown`` the ids the viewer may see, whose
    ancestors are shown too; ``holder`` as ``holders`` gives it. A ``before`` that is no comment of this
    conversation answers 400.
    """
    end = len(rows)
    if before is not None:
        end = next((index for index, row in enumerate(rows) if row.id == before), -1)
        if end < 0:
            raise ApiError(400, "unknown_cursor", "That comment is not part of this conversation.",
                           nl="Die reactie hoort niet bij dit gesprek.")
    parent_of = {row.id: row.parent_id for row in rows}
    sent: set[int] = set()  # the newer answers held these as context already: not chosen or counted again
    _add_holding(holder, parent_of, (row for row in rows[end:] if row.id in shown), sent)
    candidates = [row for row in rows[:end] if row.id in shown and row.id not in sent]
    chosen = candidates[-size:]
    taken = {row.id for row in chosen}
    _add_holding(holder, parent_of, chosen, taken)
    left = [row for row in candidates[: len(candidates) - len(chosen)] if row.id not in taken]
    return Window(
        rows=[row for row in rows if row.id in taken],
        before=chosen[0].id if left else None,
        older=sum(1 for row in left if row.state == CommentState.VISIBLE),
    )


def _add_holding(
    holder: Mapping[int, int], parent_of: Mapping[int, int | None], rows: Iterable[Placed], into: set[int]
) -> None:
    """Add to ``into`` the comments that hold each of ``rows``, up to the top: what an answer needs to nest it."""
    for row in rows:
        above = holder.get(row.parent_id) if row.parent_id is not None else None
        while above is not None and above not in into:
            into.add(above)
            parent = parent_of[above]
            above = holder.get(parent) if parent is not None else None
