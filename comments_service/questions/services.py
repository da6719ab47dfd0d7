"""Asking, answering and marking the best answer; every change in the transaction of the comment it follows.

A question's answers are its direct replies. Its first answer is the earliest visible reply by someone other
than the asker (kept up to date when replies are removed, hidden or restored); its best answer is one visible
reply that the asker, an owner of the page or a moderator marked, and can change or withdraw. A change of the
mark counts as a change of the page's conversation, so the thread's ETag moves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import ColumnElement, bindparam, exists, func, or_, select, update
from sqlalchemy.orm import Session

from ..errors import ApiError
from ..identity import Viewer
from ..models import ID_MAX, Comment, CommentState, PageOwner
from ..notifications.queue import QUESTION_ASKED
from ..services.comments import Written, get_comment, lock_conversation
from ..services.pages import page_by_pk
from ..signals import comment_written
from .models import Question, QuestionState, question_state

# The reply that answers first: visible, direct, not the asker's own, earliest.
_FIRST_ANSWER = (
    select(Comment.id, Comment.created)
    .where(
        Comment.parent_id == bindparam("question_id"),
        Comment.state == CommentState.VISIBLE.value,
        Comment.author_id != bindparam("asker_id"),
    )
    .order_by(Comment.created, Comment.id)
    .limit(1)
)
# An unanswered question a new reply may answer, with its asker and when it was asked.
_UNANSWERED = (
    select(Question.asked, Comment.author_id)
    .join(Comment, Comment.id == Question.comment_id)
    .where(Question.comment_id == bindparam("question_id"), Question.first_answer_id.is_(None))
)
_ANSWERED = (
    update(Question)
    .where(Question.comment_id == bindparam("question_id"), Question.first_answer_id.is_(None))
    .values(first_answer_id=bindparam("answer_id"), first_answer_after=bindparam("after"))
)


def seconds_between(earlier: dt.datetime, later: dt.datetime) -> int:
    """Whole seconds from ``earlier`` to ``later``, as the figures store them."""
    return round((later - earlier).total_seconds())


@dataclass(frozen=True)
class QuestionView:
    """A question as the widget and the queue show it."""

    id: int
    state: QuestionState
    best_answer_id: int | None
    can_mark: bool

    def as_json(self) -> dict[str, object]:
        """The ``Question`` of the API contract."""
        return {"id": self.id, "state": self.state.value, "best_answer_id": self.best_answer_id,
                "can_mark": self.can_mark}


def ask(session: Session, written: Written) -> None:
    """Store a new top-level comment (the API refuses a reply first) as a question, and let the page's owners hear
    of a question rather than a comment."""
    row = written.row
    session.add(Question(comment_id=row.id, page_pk=written.page.pk, asked=row.created))
    session.flush()
    session.info[QUESTION_ASKED] = row.id


def names_viewer(viewer: Viewer) -> ColumnElement[bool]:
    """An owner entry of front matter names the viewer: by id, by e-mail address (any case) or as a group of theirs."""
    named: ColumnElement[bool] = PageOwner.owner.in_([viewer.id, *viewer.groups])
    if viewer.email:
        named = or_(named, func.lower(PageOwner.owner) == viewer.email.lower())
    return named


def owns_page(session: Session, viewer: Viewer, page_pk: int) -> bool:
    """Whether the page's front matter names the viewer as an owner."""
    return bool(session.scalar(select(exists().where(PageOwner.page_pk == page_pk, names_viewer(viewer)))))


def may_mark(session: Session, viewer: Viewer | None, asker_id: str, page_pk: int) -> bool:
    """The asker, an owner of the page and moderators mark the best answer."""
    if viewer is None:
        return False
    return viewer.id == asker_id or viewer.is_moderator or owns_page(session, viewer, page_pk)


def _refresh_first_answer(session: Session, question: Question, asker_id: str) -> None:
    """Find the first answer again, as the replies are now."""
    found = session.execute(_FIRST_ANSWER, {"question_id": question.comment_id, "asker_id": asker_id}).first()
    question.first_answer_id = found[0] if found else None
    question.first_answer_after = seconds_between(question.asked, found[1]) if found else None


def _get_question(session: Session, question_id: int) -> tuple[Question, Comment]:
    """The question and its comment, or a 404 in the reader's language."""
    question = session.get(Question, question_id) if 0 < question_id <= ID_MAX else None
    if question is None:
        raise ApiError(404, "question_not_found", f"There is no question {question_id}.",
                       nl=f"Er is geen vraag {question_id}.")
    return question, get_comment(session, question_id)


def _check_answer(session: Session, question: Question, answer_id: int) -> Comment:
    """A visible direct reply to the question: else a 404, 400 (elsewhere, not an answer) or 409."""
    answer = session.get(Comment, answer_id) if 0 < answer_id <= ID_MAX else None
    if answer is None:
        raise ApiError(404, "answer_not_found", f"There is no comment {answer_id}.",
                       nl=f"Er is geen reactie {answer_id}.")
    if answer.page_pk != question.page_pk:
        raise ApiError(400, "answer_elsewhere", "That comment is on another page than the question.",
                       nl="Die reactie staat op een andere pagina dan de vraag.")
    if answer.parent_id != question.comment_id:
        raise ApiError(400, "not_an_answer", "Only a reply to this question can be its best answer.",
                       nl="Alleen een antwoord op deze vraag kan het beste antwoord zijn.")
    if answer.state != CommentState.VISIBLE:
        raise ApiError(409, "answer_gone", "That answer was removed or hidden.",
                       nl="Dat antwoord is verwijderd of verborgen.")
    return answer


def mark_best(session: Session, viewer: Viewer, question_id: int, answer_id: int | None) -> QuestionView:
    """Mark ``answer_id`` the question's best answer, or withdraw the mark (``None``).

    Checked before and again after the conversation is locked (the question or answer may have gone meanwhile);
    the page's change counter moves, so every cached thread of the page goes stale.
    """
    question, comment = _get_question(session, question_id)
    for locked in (False, True):
        if locked:
            lock_conversation(session, comment)
            session.refresh(question)
        if comment.state != CommentState.VISIBLE:
            raise ApiError(409, "question_gone", "That question was removed or hidden.",
                           nl="Die vraag is verwijderd of verborgen.")
        page = page_by_pk(session, question.page_pk)
        if page.archived:
            raise ApiError(409, "page_archived", "This page is archived: its conversation is closed.",
                           nl="Deze pagina is gearchiveerd: het gesprek is gesloten.")
        if not may_mark(session, viewer, comment.author_id, question.page_pk):
            raise ApiError(403, "not_allowed_to_mark",
                           "Only the asker, an owner of the page or a moderator marks the best answer.",
                           nl="Alleen wie de vraag stelde, een eigenaar van de pagina of een moderator kiest het "
                              "beste antwoord.")
        answer = _check_answer(session, question, answer_id) if answer_id is not None else None
    question.best_answer_id = answer.id if answer else None
    question.best_answer_after = seconds_between(question.asked, answer.created) if answer else None
    question.best_marked_by = viewer.id if answer else None
    return QuestionView(question.comment_id, question.state, question.best_answer_id, True)


def page_questions(session: Session, page_pk: int, viewer: Viewer | None) -> dict[str, dict[str, object]]:
    """The questions of a page by comment id, for the thread: state, best answer, whether the viewer may mark.

    One query (two when the viewer may own the page and asked none of them).
    """
    rows = session.execute(
        select(Question.comment_id, Question.first_answer_id, Question.best_answer_id, Comment.author_id)
        .join(Comment, Comment.id == Question.comment_id)
        .where(Question.page_pk == page_pk)
    ).all()
    if not rows:
        return {}
    moderator_or_owner = viewer is not None and (
        viewer.is_moderator or (any(row[3] != viewer.id for row in rows) and owns_page(session, viewer, page_pk))
    )
    return {
        str(question_id): QuestionView(
            question_id, question_state(first, best), best,
            viewer is not None and (moderator_or_owner or asker == viewer.id),
        ).as_json()
        for question_id, first, best, asker in rows
    }


def on_comment_written(app: Flask, *, session: Session, action: str, written: Written, **_: object) -> None:
    """Keep questions' first and best answers true to their replies as they are written, removed and restored."""
    row = written.row
    if action == "created":
        connection = session.connection()
        waiting = connection.execute(_UNANSWERED, {"question_id": row.parent_id}).first() if row.parent_id else None
        if waiting is not None and waiting.author_id != row.author_id:
            connection.execute(_ANSWERED, {"question_id": row.parent_id, "answer_id": row.id,
                                           "after": seconds_between(waiting.asked, row.created)})
        return
    if action == "edited":
        return
    question = session.get(Question, row.parent_id) if row.parent_id is not None else None
    if question is None:  # answers are direct replies: only a question's own replies change it
        return
    if question.best_answer_id == row.id and action in {"removed", "hidden"}:
        question.best_answer_id = question.best_answer_after = question.best_marked_by = None
    asker_id = session.scalar(select(Comment.author_id).where(Comment.id == question.comment_id))
    _refresh_first_answer(session, question, asker_id or "")


def init_app(app: Flask) -> None:
    """Follow the comments' changes."""
    comment_written.connect(on_comment_written, app, weak=False)
