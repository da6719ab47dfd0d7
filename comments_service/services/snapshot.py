"""Every live page's conversation at once, as anonymous readers see it, for the build's static snapshot.

The ``plein-snapshot`` plugin fetches this once per build (``GET /api/snapshot``) and writes each
conversation into its page, so the site shows the last known conversation without the service. Four
queries in all, whatever the number of pages; the comments are assembled as the thread's first answer is (the
newest with what they answer; ``older`` counts the rest, which the live conversation pages through).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..models import Comment, HashtagUse, Page, Person, Reaction
from .pages import PAGE_COLUMNS, PageRef, page_url
from .present import CommentRow, PageContext, iso, reactions_json
from .thread import COMMENT_COLUMNS, Counts, answer_comments

_LIVE_PAGES = select(*PAGE_COLUMNS).where(Page.archived.is_(False))
_COMMENTS = (
    select(Comment.page_pk, *COMMENT_COLUMNS)
    .join(Person, Person.id == Comment.author_id)
    .join(Page, Page.pk == Comment.page_pk)
    .where(Page.archived.is_(False))
    .order_by(Comment.created, Comment.id)
)
_REACTION_COUNTS = select(Reaction.page_pk, Reaction.comment_id, Reaction.emoji, func.count()).group_by(
    Reaction.page_pk, Reaction.comment_id, Reaction.emoji
)
_HASHTAGS = (
    select(HashtagUse.page_pk, HashtagUse.comment_id, HashtagUse.slug)
    .where(HashtagUse.comment_id.is_not(None))
    .order_by(HashtagUse.id)
)


def build_snapshot(
    session: Session, *, site_root: str, emoji: tuple[str, ...], size: int
) -> dict[str, dict[str, object]]:
    """Per live page that has comments or reactions: ``comments``, ``comment_count``, ``older``, ``reactions``,
    ``generated``."""
    connection = session.connection()
    pages = {row.pk: PageRef(*row) for row in connection.execute(_LIVE_PAGES)}
    rows: dict[int, list[CommentRow]] = defaultdict(list)
    for page_pk, *fields in connection.execute(_COMMENTS):
        rows[page_pk].append(CommentRow(*fields))
    counts: dict[int, Counts] = defaultdict(lambda: defaultdict(dict))
    for page_pk, comment_id, chosen, count in connection.execute(_REACTION_COUNTS):
        counts[page_pk][comment_id][chosen] = count
    tags: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for page_pk, comment_id, slug in connection.execute(_HASHTAGS):
        if comment_id is not None:  # always, by the statement (it leaves the page's own hashtags out)
            tags[page_pk][comment_id].append(slug)

    generated = iso(utcnow())
    snapshot: dict[str, dict[str, object]] = {}
    for page_pk, page in pages.items():
        if page_pk not in rows and page_pk not in counts:
            continue
        context = PageContext(page.identity, page_url(site_root, page), page.archived, None)
        comments, comment_count, newest = answer_comments(
            rows[page_pk], context, moderator=False, before=None, size=size,
            counts=counts[page_pk], mine={}, tags=tags[page_pk], emoji=emoji,
        )
        snapshot[page.identity] = {
            "comments": comments,
            "comment_count": comment_count,
            "older": newest.older,
            "reactions": reactions_json(counts[page_pk].get(None, {}), (), emoji),
            "generated": generated,
        }
    return snapshot
