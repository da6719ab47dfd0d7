"""A page's conversation in answers of a bounded size, assembled from stored HTML with a fixed few queries.

A fixed few queries whatever the size of the conversation (its comments with authors, reaction counts, the
viewer's own reactions, hashtags), plus the page look-up that also serves the ETag: the ETag is made from the
page's change counter, the viewer and the cursor, so a 304 costs one query and no assembly.
An answer holds the newest comments with what they answer (``thread_window``); older ones follow by cursor. A long
conversation's answer is chosen from its outline (each comment's id, parent and state, read from an index alone)
and only the chosen comments are read whole: reading every text and date was most of the cost of a page of it
(17 ms of CPU at 2,000 comments, 7 ms so). A short one is read whole in one query, as before.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.orm import Session

from ..identity import Viewer
from ..models import Comment, CommentState, HashtagUse, Page, PageAlias, Person, Reaction
from .pages import PageRef, page_url
from .present import CommentRow, PageContext, comment_json, reactions_json
from .thread_window import Placed, Row, Window, holders, window

Counts = dict[int | None, dict[str, int]]


def thread_etag(
    page: PageRef, viewer: Viewer | None, config_tag: str, unread: int = 0, following: bool = False,
    before: int | None = None,
) -> str:
    """A weak validator: changes when the conversation, the viewer, their unread count, whether they follow the
    page, the configuration or the cursor does."""
    who = f"{viewer.id}\x00{viewer.name}\x00{','.join(viewer.roles)}\x00{viewer.demo}" if viewer else ""
    key = f"{page.pk}:{page.version}:{config_tag}:{who}:{unread}:{following:d}:{before or ''}"
    digest = hashlib.blake2b(key.encode(), digest_size=12)
    return digest.hexdigest()


# What a CommentRow holds, in its field order.
COMMENT_COLUMNS = (
    Comment.id,
    Comment.parent_id,
    Comment.author_id,
    Person.name,
    Comment.text,
    Comment.html,
    Comment.state,
    Comment.created,
    Comment.edited,
    Comment.as_department,
)
# Built once, run through Core: no statement construction and no ORM loading per request.
_OUTLINE = (
    select(Comment.id, Comment.parent_id, Comment.state)
    .where(Comment.page_pk == bindparam("page_pk"))
    .order_by(Comment.created, Comment.id)
)
_COMMENTS = select(*COMMENT_COLUMNS).join(Person, Person.id == Comment.author_id).order_by(Comment.created, Comment.id)
_ALL_COMMENTS = _COMMENTS.where(Comment.page_pk == bindparam("page_pk"))
_CHOSEN_COMMENTS = _COMMENTS.where(Comment.id.in_(bindparam("ids", expanding=True)))
_REACTION_COUNTS = (
    select(Reaction.comment_id, Reaction.emoji, func.count())
    .where(Reaction.page_pk == bindparam("page_pk"))
    .group_by(Reaction.comment_id, Reaction.emoji)
)
_OWN_REACTIONS = select(Reaction.comment_id, Reaction.emoji).where(
    Reaction.page_pk == bindparam("page_pk"), Reaction.person_id == bindparam("person_id")
)
_HASHTAGS = (
    select(HashtagUse.comment_id, HashtagUse.slug)
    .where(HashtagUse.page_pk == bindparam("page_pk"), HashtagUse.comment_id.is_not(None))
    .order_by(HashtagUse.id)
)


def _reaction_counts(connection: Connection, page_pk: int) -> Counts:
    """Reaction counts per comment (``None``: the page itself) and emoji."""
    counts: Counts = defaultdict(dict)
    for comment_id, emoji, count in connection.execute(_REACTION_COUNTS, {"page_pk": page_pk}):
        counts[comment_id][emoji] = count
    return counts


def _own_reactions(connection: Connection, page_pk: int, viewer: Viewer | None) -> dict[int | None, list[str]]:
    """The viewer's own reactions per comment (``None``: the page itself)."""
    mine: dict[int | None, list[str]] = defaultdict(list)
    if viewer is not None:
        for comment_id, emoji in connection.execute(_OWN_REACTIONS, {"page_pk": page_pk, "person_id": viewer.id}):
            mine[comment_id].append(emoji)
    return mine


def _hashtags(connection: Connection, page_pk: int) -> dict[int, list[str]]:
    """The hashtags of each comment, in the order they were written."""
    tags: dict[int, list[str]] = defaultdict(list)
    for comment_id, slug in connection.execute(_HASHTAGS, {"page_pk": page_pk}):
        if comment_id is not None:  # always, by the statement (it leaves the page's own hashtags out)
            tags[comment_id].append(slug)
    return tags


def shown_ids(rows: Sequence[Placed], moderator: bool) -> set[int]:
    """The comments the viewer sees: hidden ones (and everything below them) only for moderators;
    removed ones only as placeholders while something shown is below them.

    Iterative, in id order (a reply always has a larger id than its parent), so no depth of
    replies can exhaust the stack.
    """
    by_id = sorted(rows, key=lambda row: row.id)
    excluded: set[int] = set()
    for row in by_id:
        if (row.state == CommentState.HIDDEN and not moderator) or row.parent_id in excluded:
            excluded.add(row.id)
    shown: set[int] = set()
    has_shown_reply: set[int] = set()
    for row in reversed(by_id):
        if row.id in excluded or (row.state == CommentState.REMOVED and row.id not in has_shown_reply):
            continue
        shown.add(row.id)
        if row.parent_id is not None:
            has_shown_reply.add(row.parent_id)
    return shown


class Outline(NamedTuple):
    """A comment as an answer is chosen: where it stands in the conversation and whether it shows."""

    id: int
    parent_id: int | None
    state: str


def _read_chosen(
    connection: Connection, page: PageRef, *, moderator: bool, before: int | None, size: int
) -> tuple[Chosen[Any], list[CommentRow]]:
    """The comments of the answer, chosen and read whole. Each comment counted a change of its page, so a page of
    no more changes than an answer holds is read whole at once, as a short conversation is; a longer one is chosen
    from its outline (read from an index alone) and only the chosen comments are read whole."""
    if page.version <= size:
        rows = connection.execute(_ALL_COMMENTS, {"page_pk": page.pk})
        # select()'s typing stops counting at ten columns: a Row of ten "may hold more" (call-arg)
        whole = [CommentRow(*row) for row in rows]  # type: ignore[call-arg]
        chosen_whole = choose(whole, moderator=moderator, before=before, size=size)
        return chosen_whole, chosen_whole.window.rows
    outline = [Outline(*row) for row in connection.execute(_OUTLINE, {"page_pk": page.pk})]
    chosen = choose(outline, moderator=moderator, before=before, size=size)
    ids = [row.id for row in chosen.window.rows]
    if not ids:
        return chosen, []
    rows = connection.execute(_CHOSEN_COMMENTS, {"ids": ids})
    return chosen, [CommentRow(*row) for row in rows]  # type: ignore[call-arg]  # as above


def build_thread(
    session: Session, page: PageRef, viewer: Viewer | None, *, site_root: str, emoji: tuple[str, ...],
    size: int, before: int | None = None,
) -> dict[str, object]:
    """The ``Thread`` of the API contract for the ``size`` newest comments older than comment ``before`` (all
    when ``None``) with what they answer, without the viewer's CSRF token and demo flag."""
    context = PageContext(page.identity, page_url(site_root, page), page.archived, viewer)
    connection = session.connection()
    moderator = viewer is not None and viewer.is_moderator
    chosen, rows = _read_chosen(connection, page, moderator=moderator, before=before, size=size)
    counts = _reaction_counts(connection, page.pk)
    mine = _own_reactions(connection, page.pk, viewer)
    comments = assemble(rows, chosen.holder, context, counts=counts, mine=mine, tags=_hashtags(connection, page.pk),
                        emoji=emoji)
    taken = chosen.window
    return {
        "page": {"id": page.identity, "title": page.title, "url": context.page_url, "archived": page.archived},
        "emoji": list(emoji),
        "reactions": reactions_json(counts.get(None, {}), mine.get(None, ()), emoji),
        "comments": comments,
        "comment_count": chosen.comment_count,
        "older": {"before": taken.before, "count": taken.older} if taken.before is not None else None,
        "viewer": viewer.as_json() if viewer else None,
        "can": {"comment": context.can_write, "react": context.can_write, "moderate": moderator},
    }


@dataclass(frozen=True)
class Chosen(Generic[Row]):
    """Which comments one answer holds (``window``), whose replies each one's go under (``holder``), and the whole
    conversation's comment count (visible comments, not placeholders)."""

    window: Window[Row]
    holder: dict[int, int]
    comment_count: int


def choose(rows: Sequence[Row], *, moderator: bool, before: int | None, size: int) -> Chosen[Row]:
    """The comments of one answer of the conversation ``rows`` (in its order) as the viewer sees it. A ``before``
    of another conversation answers 400."""
    shown, holder = shown_ids(rows, moderator), holders(rows)
    comment_count = sum(1 for row in rows if row.id in shown and row.state == CommentState.VISIBLE)
    return Chosen(window(rows, shown, holder, before=before, size=size), holder, comment_count)


def assemble(
    rows: list[CommentRow],
    holder: Mapping[int, int],
    context: PageContext,
    *,
    counts: Counts,
    mine: Mapping[int | None, list[str]],
    tags: Mapping[int, list[str]],
    emoji: tuple[str, ...],
) -> list[dict[str, object]]:
    """The chosen ``rows`` (in the conversation's order) as the answer's comments, replies nested in their holders."""
    top: list[dict[str, object]] = []
    replies_of: dict[int, list[dict[str, object]]] = {}
    answers = []
    for row in rows:  # in order of writing, so replies come in order too; all shown, with their holders
        replies_of[row.id] = []
        reactions = reactions_json(counts.get(row.id, {}), mine.get(row.id, ()), emoji)
        answer = comment_json(row, context, reactions=reactions, hashtags=tags.get(row.id, []),
                              replies=replies_of[row.id])
        answers.append((row, answer))
    for row, answer in answers:
        parent = row.parent_id
        siblings = replies_of.get(holder[parent], top) if parent is not None and parent in holder else top
        siblings.append(answer)
    return top


def answer_comments(
    rows: list[CommentRow],
    context: PageContext,
    *,
    moderator: bool,
    before: int | None,
    size: int,
    counts: Counts,
    mine: Mapping[int | None, list[str]],
    tags: Mapping[int, list[str]],
    emoji: tuple[str, ...],
) -> tuple[list[dict[str, object]], int, Window[CommentRow]]:
    """One answer of a conversation read whole (the build's snapshot reads every page's at once): its comments with
    replies nested, the conversation's comment count and its window (where older ones continue)."""
    chosen = choose(rows, moderator=moderator, before=before, size=size)
    comments = assemble(chosen.window.rows, chosen.holder, context, counts=counts, mine=mine, tags=tags, emoji=emoji)
    return comments, chosen.comment_count, chosen.window


def page_counts(session: Session, identities: list[str]) -> dict[str, dict[str, int]]:
    """Visible comments and all reactions per page, for overview pages (three queries in all)."""
    rows = session.execute(select(Page.identity, Page.pk).where(Page.identity.in_(identities)))
    pk_of = {identity: pk for identity, pk in rows}
    missing = [identity for identity in identities if identity not in pk_of]
    if missing:
        aliases = session.execute(select(PageAlias.alias, PageAlias.page_pk).where(PageAlias.alias.in_(missing)))
        pk_of.update(dict(aliases.all()))
    pks = set(pk_of.values())
    comments = dict(
        session.execute(
            select(Comment.page_pk, func.count())
            .where(Comment.page_pk.in_(pks), Comment.state == CommentState.VISIBLE)
            .group_by(Comment.page_pk)
        ).all()
    )
    reactions = dict(
        session.execute(
            select(Reaction.page_pk, func.count()).where(Reaction.page_pk.in_(pks)).group_by(Reaction.page_pk)
        ).all()
    )
    return {
        key: {"comments": comments.get(pk, 0), "reactions": reactions.get(pk, 0)}
        for key in dict.fromkeys(identities) for pk in [pk_of.get(key, 0)]  # 0: no page has it
    }
