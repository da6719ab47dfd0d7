"""Lists of questions: the unanswered queue of the whole site, a person's own questions, those on their pages.

The queue is every open question (nobody but the asker replied), oldest first, so the longest wait is on top;
it narrows to a section, a hashtag or an owner. "My questions" lists the viewer's own in every state, newest
first; "on my pages" the open ones on pages the viewer owns (by id, address or group), oldest first. A low-profile
asker is never named (``asker`` is ``None``: "a colleague"), as in every other list.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session, aliased

from ..db import AnySelect
from ..identity import Viewer
from ..models import Comment, CommentState, Page, PageOwner, Person
from ..people.names import listed_name
from ..rendering.excerpt import excerpt
from ..services.pages import permalink, site_address
from .figures import in_section, with_hashtag
from .models import Question, QuestionState, question_state
from .services import names_viewer

PER_PAGE = 20


class Listing(enum.StrEnum):
    """Which list."""

    OPEN = "open"
    MINE = "mine"
    MY_PAGES = "my-pages"


@dataclass(frozen=True)
class Filters:
    """What the queue narrows to; empty fields narrow nothing."""

    section: str = ""
    hashtag: str = ""
    owner: str = ""


@dataclass(frozen=True)
class Entry:
    """One question as the lists show it."""

    id: int
    state: QuestionState
    asker: str | None  # None for a low-profile asker: lists never name them
    excerpt: str
    page_title: str
    url: str  # the question in its page
    asked: dt.datetime
    answers: int

    def as_json(self) -> dict[str, object]:
        """The ``QuestionEntry`` of the API contract."""
        return {"id": self.id, "state": self.state.value, "asker": self.asker, "excerpt": self.excerpt,
                "page_title": self.page_title, "url": self.url, "asked": self.asked.isoformat(),
                "answers": self.answers}


def owned_by(viewer: Viewer) -> ColumnElement[bool]:
    """The question's page names the viewer as an owner."""
    return exists().where(PageOwner.page_pk == Question.page_pk, names_viewer(viewer))


def _narrowed(statement: AnySelect, listing: Listing, viewer: Viewer | None, filters: Filters) -> AnySelect:
    """The statement over the listing's visible questions on live pages, with the filters."""
    statement = statement.where(Comment.state == CommentState.VISIBLE.value, Page.archived.is_(False))
    if listing is Listing.MINE:
        statement = statement.where(Comment.author_id == (viewer.id if viewer else ""))
    else:
        statement = statement.where(Question.first_answer_id.is_(None))
    if listing is Listing.MY_PAGES:
        statement = statement.where(owned_by(viewer) if viewer else Question.comment_id.is_(None))
    if filters.section:
        statement = statement.where(in_section(filters.section))
    if filters.hashtag:
        statement = statement.where(with_hashtag(filters.hashtag.lower().lstrip("#")))
    if filters.owner:
        statement = statement.where(exists().where(
            PageOwner.page_pk == Question.page_pk, func.lower(PageOwner.owner) == filters.owner.lower()))
    return statement


def listing(session: Session, site_root: str, which: Listing, viewer: Viewer | None, filters: Filters,
            page: int) -> tuple[list[Entry], int]:
    """One page (``PER_PAGE``) of the list, and how many pages it has (at least 1)."""
    base = select(Question).join(Comment, Comment.id == Question.comment_id).join(Page, Page.pk == Question.page_pk)
    total = session.scalar(_narrowed(base.with_only_columns(func.count()), which, viewer, filters)) or 0
    reply = aliased(Comment)
    answers = (
        select(func.count()).where(reply.parent_id == Question.comment_id, reply.state == CommentState.VISIBLE.value)
        .scalar_subquery()
    )
    order = Question.asked.desc() if which is Listing.MINE else Question.asked
    rows = session.execute(
        _narrowed(
            select(Question.comment_id, Question.first_answer_id, Question.best_answer_id,
                   listed_name(Person), Comment.html,
                   Page.title, Page.url, Question.asked, answers)
            .join(Comment, Comment.id == Question.comment_id)
            .join(Page, Page.pk == Question.page_pk)
            .join(Person, Person.id == Comment.author_id),
            which, viewer, filters,
        ).order_by(order, Question.comment_id).limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    )
    entries = [
        Entry(question_id, question_state(first, best), name, excerpt(html), title,
              permalink(site_address(site_root, url), question_id), asked, count)
        for question_id, first, best, name, html, title, url, asked, count in rows
    ]
    return entries, max(1, math.ceil(total / PER_PAGE))
