"""What search needs to know about comments, read in bulk (for a rebuild) or by id (after a change).

The search package turns these into its documents; only comments readers may see are returned:
visible, on pages that are not archived. Pages are read by `comments_service.indexing.page_documents`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from html_text import html_to_text

from ..identity import settings
from ..models import Comment, CommentState, HashtagUse, Page, Person
from .pages import permalink

BATCH = 1000


@dataclass(frozen=True)
class IndexableComment:
    """A visible comment with its page and author; ``url`` is its permalink relative to the site root and
    ``text`` the words readers see: its rendered HTML as plain text, as pages' search texts are made.

    Not the Markdown source, whose `_italic_` would reach the index as such (search words keep `_`), and
    whose link addresses would be searchable.
    """

    id: int
    page_id: str
    page_title: str
    url: str
    language: str | None
    text: str
    author: str
    hashtags: tuple[str, ...]
    created: dt.datetime


def visible_comments(session: Session, comment_ids: Collection[int] | None = None) -> Iterator[IndexableComment]:
    """Every visible comment on a live page (or only those of ``comment_ids``), in batches of two queries."""
    statement = (
        select(
            Comment.id, Page.identity, Page.title, Page.url, Page.language, Comment.html, Person.name, Comment.created,
            Comment.as_department,
        )
        .join(Page, Page.pk == Comment.page_pk)
        .join(Person, Person.id == Comment.author_id)
        .where(Comment.state == CommentState.VISIBLE, Page.archived.is_(False))
        .order_by(Comment.id)
    )
    if comment_ids is not None:
        statement = statement.where(Comment.id.in_(list(comment_ids)))
    last_id = 0
    while True:
        rows = session.execute(statement.where(Comment.id > last_id).limit(BATCH)).all()
        if not rows:
            return
        tags: dict[int, list[str]] = defaultdict(list)
        for comment_id, slug in session.execute(
            select(HashtagUse.comment_id, HashtagUse.slug)
            .where(HashtagUse.comment_id.in_([row[0] for row in rows]))
            .order_by(HashtagUse.id)
        ):
            if comment_id is not None:  # always, by the statement (it names comments)
                tags[comment_id].append(slug)
        departments = settings().departments
        for comment_id, page_id, title, url, language, html, author, created, department in rows:
            if department is not None:  # a department's post is found under the department's name
                author = departments.get(department, department)
            yield IndexableComment(
                comment_id, page_id, title, permalink(url, comment_id), language, html_to_text(html), author,
                tuple(tags[comment_id]), created,
            )
        if len(rows) < BATCH:  # the last batch: no need to ask for an empty one
            return
        last_id = rows[-1][0]
