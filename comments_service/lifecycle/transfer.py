"""``flask export`` / ``flask import``: all conversation data as one JSON document (docs/lifecycle.md).

The document (``format`` ``plein-conversations``, ``version`` 1) holds the people who wrote or reacted, the
pages by identity, every comment with its former texts, every reaction, and which comments are questions with
their first and best answers. Importing it into another Plein
(or the same one again) maps pages by identity (or a former one), keeps people's ids, and records each comment
under its origin (the exporting site and its id), so a second import adds nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import and_, exists, insert, select
from sqlalchemy.orm import Session

from .. import db
from ..clock import utcnow
from ..config import Settings
from ..models import NAME_MAX, Comment, CommentRevision, Page, Person, Reaction
from ..questions.models import Question
from ..privacy.records import plain
from ..services.pages import find_page
from .importer import ImportSummary, Incoming, comment_from, import_comments, parents_first
from .isso import SourceError

FORMAT = "plein-conversations"
VERSION = 1
SOURCE = "plein"


def export_document(session: Session, site_url: str) -> dict[str, Any]:
    """Every conversation of the database as the documented JSON document."""
    pages: dict[int, str] = {pk: identity for pk, identity in session.execute(select(Page.pk, Page.identity))}
    revisions: dict[int, list[dict[str, Any]]] = {}
    for comment_id, text, created in session.execute(
        select(CommentRevision.comment_id, CommentRevision.text, CommentRevision.created).order_by(CommentRevision.id)
    ):
        revisions.setdefault(comment_id, []).append({"text": text, "created": plain(created)})
    comments = [
        {"id": row.id, "page": pages[row.page_pk], "parent": row.parent_id, "author": row.author_id,
         "text": row.text, "state": row.state, "created": plain(row.created), "edited": plain(row.edited),
         "removed_at": plain(row.removed_at), "as_department": row.as_department,
         "revisions": revisions.get(row.id, [])}
        for row in session.execute(select(Comment).order_by(Comment.id)).scalars()
    ]
    reactions = [
        {"page": pages[page_pk], "comment": comment_id, "person": person_id, "emoji": emoji, "created": plain(created)}
        for page_pk, comment_id, person_id, emoji, created in session.execute(
            select(Reaction.page_pk, Reaction.comment_id, Reaction.person_id, Reaction.emoji, Reaction.created)
            .order_by(Reaction.id))
    ]
    people = [
        {"id": person.id, "name": person.name, "email": person.email, "department": person.department,
         "created": plain(person.created)}
        for person in session.execute(select(Person).order_by(Person.id)).scalars()
    ]
    questions = [
        {"comment": row.comment_id, "asked": plain(row.asked), "first_answer": row.first_answer_id,
         "first_answer_after": row.first_answer_after, "best_answer": row.best_answer_id,
         "best_answer_after": row.best_answer_after, "best_marked_by": row.best_marked_by,
         "escalated_owner": plain(row.escalated_owner), "escalated_managers": plain(row.escalated_managers)}
        for row in session.execute(select(Question).order_by(Question.comment_id)).scalars()
    ]
    return {"format": FORMAT, "version": VERSION, "site": site_url, "exported": plain(utcnow()),
            "people": people, "pages": [{"id": identity} for identity in sorted(pages.values())],
            "comments": comments, "reactions": reactions, "questions": questions}


def check_document(document: object) -> Mapping[str, Any]:
    """The document, if it is one this version reads (``SourceError`` otherwise)."""
    if not isinstance(document, Mapping) or document.get("format") != FORMAT or document.get("version") != VERSION:
        raise SourceError(f"not a version {VERSION} {FORMAT} document")
    for key in ("people", "comments", "reactions"):
        if not isinstance(document.get(key), list):
            raise SourceError(f"'{key}' must be a list")
    return document


def import_document(config: Settings, document: Mapping[str, Any], comments: Iterable[Incoming]) -> ImportSummary:
    """Store the document's people, its ``comments`` (``incoming(document)``, perhaps behind a progress bar)
    and its reactions; what is there already is left alone."""
    origin = _origin(str(document.get("site", "")))
    db.retried(lambda session: _store_people(session, document["people"]))
    summary = import_comments(config, comments)
    db.retried(lambda session: _store_reactions(session, origin, document["reactions"]))
    db.retried(lambda session: _store_questions(session, origin, document.get("questions", [])))
    return summary


def incoming(document: Mapping[str, Any]) -> list[Incoming]:
    """The document's comments as the importer takes them, parents first."""
    origin = _origin(str(document.get("site", "")))
    return list(parents_first(_comments(document["comments"], origin)))


def _origin(site: str) -> str:
    """A short, stable name of the exporting site: its comments' ids are unique there only."""
    return hashlib.blake2b(site.encode(), digest_size=6).hexdigest()


def _moment(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _comments(comments: list[Mapping[str, Any]], origin: str) -> Iterator[Incoming]:
    for comment in comments:
        try:
            yield Incoming(
                source=SOURCE, source_id=f"{origin}:{int(comment['id'])}", page=str(comment["page"]),
                parent_source_id=f"{origin}:{int(comment['parent'])}" if comment.get("parent") is not None else None,
                author_name="", author_email=None, author_id=str(comment["author"]), text=str(comment["text"]),
                created=_moment(comment["created"]) or utcnow(), state=str(comment.get("state", "visible")),
                edited=_moment(comment.get("edited")), removed_at=_moment(comment.get("removed_at")),
                as_department=comment.get("as_department"),
                revisions=tuple((str(rev["text"]), _moment(rev["created"]) or utcnow())
                                for rev in comment.get("revisions", [])),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise SourceError(f"comment {comment.get('id')!r} is incomplete or malformed: {error}") from None


def _store_people(session: Session, people: list[Mapping[str, Any]]) -> None:
    known = set(session.scalars(select(Person.id)))
    for person in people:
        if person.get("id") in known:
            continue
        session.connection().execute(insert(Person), {
            "id": str(person["id"]), "name": str(person.get("name") or "")[:NAME_MAX],
            "email": person.get("email"), "department": person.get("department"),
            "created": _moment(person.get("created")) or utcnow(),
        })


def _store_reactions(session: Session, origin: str, reactions: list[Mapping[str, Any]]) -> None:
    people = set(session.scalars(select(Person.id)))
    for reaction in reactions:
        if reaction.get("person") not in people:
            continue
        page = find_page(session, str(reaction["page"]))
        if page is None:
            continue
        comment_id = None
        if reaction.get("comment") is not None:
            comment_id = comment_from(session, SOURCE, f"{origin}:{int(reaction['comment'])}")
            if comment_id is None:
                continue
        same = exists().where(and_(
            Reaction.person_id == reaction["person"], Reaction.emoji == reaction["emoji"],
            Reaction.page_pk == page.pk,
            Reaction.comment_id == comment_id if comment_id is not None else Reaction.comment_id.is_(None),
        ))
        if not session.scalar(select(same)):
            session.connection().execute(insert(Reaction), {
                "page_pk": page.pk, "comment_id": comment_id, "person_id": str(reaction["person"]),
                "emoji": str(reaction["emoji"]), "created": _moment(reaction.get("created")) or utcnow()})


def _store_questions(session: Session, origin: str, questions: list[Mapping[str, Any]]) -> None:
    """Which imported comments are questions, with their answers (as the exporting site had them)."""
    people = set(session.scalars(select(Person.id)))

    def local(comment: int | str | None) -> int | None:
        """The comment an import made of the exporting site's comment ``comment``."""
        return comment_from(session, SOURCE, f"{origin}:{int(comment)}") if comment is not None else None

    for question in questions:
        comment_id = local(question.get("comment"))
        if comment_id is None or session.get(Question, comment_id) is not None:
            continue
        page_pk = session.scalar(select(Comment.page_pk).where(Comment.id == comment_id))
        marked_by = question.get("best_marked_by")
        session.connection().execute(insert(Question), {
            "comment_id": comment_id, "page_pk": page_pk,
            "asked": _moment(question.get("asked")) or utcnow(),
            "first_answer_id": local(question.get("first_answer")),
            "first_answer_after": question.get("first_answer_after"),
            "best_answer_id": local(question.get("best_answer")),
            "best_answer_after": question.get("best_answer_after"),
            "best_marked_by": marked_by if marked_by in people else None,
            "escalated_owner": _moment(question.get("escalated_owner")),
            "escalated_managers": _moment(question.get("escalated_managers")),
        })
