"""Comments from elsewhere (another Plein, Isso, Disqus) stored as Plein's own, each exactly once.

Every source hands in ``Incoming`` comments, parents before their replies. Each is recorded in
``import_sources`` under its source's name and id in the same transaction, so a second import of the same
file skips it; its text is rendered and sanitized by the same pipeline as a typed comment (raw HTML shows as
text), it joins the search queue, and its page's conversation counts a change. No notification is sent:
these are old conversations, not news.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from .. import db
from ..config import Settings
from ..models import (
    NAME_MAX, PERSON_ID_MAX, SLUG_MAX, Comment, CommentRevision, CommentState, HashtagUse, Person, SearchQueue,
)
from ..rendering import render_comment
from ..services.pages import find_page, touch
from ..services.people import mention_resolver
from ..privacy.models import ImportSource

BATCH = 200
"""Comments per transaction: a long import holds SQLite's write lock for a moment at a time."""


@dataclass(frozen=True)
class Incoming:
    """One comment of another system, its page already found (``None``: no page of the site has it)."""

    source: str
    source_id: str
    page: str | None
    parent_source_id: str | None
    author_name: str
    author_email: str | None
    text: str
    created: dt.datetime
    state: str = CommentState.VISIBLE.value
    author_id: str | None = None  # a Plein export names its people by their ids
    edited: dt.datetime | None = None
    removed_at: dt.datetime | None = None
    revisions: tuple[tuple[str, dt.datetime], ...] = ()  # former texts, oldest first
    as_department: str | None = None  # posted in the name of this department (a Plein export)


@dataclass
class ImportSummary:
    """What an import did."""

    imported: int = 0
    already: int = 0  # imported before: skipped
    no_page: int = 0  # its address names no page of the site
    people: int = 0  # people it had to add
    unknown_pages: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, object]:
        """As the commands print it."""
        return {"imported": self.imported, "already": self.already, "no_page": self.no_page,
                "people": self.people, "unknown_pages": sorted(self.unknown_pages)[:20]}


def import_comments(config: Settings, comments: Iterable[Incoming], summary: ImportSummary | None = None,
                    ) -> ImportSummary:
    """Store ``comments`` (parents first) in transactions of ``BATCH``; the summary says what happened."""
    summary = summary or ImportSummary()
    incoming = iter(comments)
    while batch := list(islice(incoming, BATCH)):
        db.retried(lambda session: _store_batch(session, config, batch, summary))
    return summary


def _store_batch(session: Session, config: Settings, batch: list[Incoming], summary: ImportSummary) -> None:
    counts = ImportSummary()  # a retried batch must not count twice
    pages: Counter[int] = Counter()  # comments stored per page: each counts a change, as a comment written does
    for item in batch:
        _store(session, config, item, counts, pages)
    for page_pk, stored in sorted(pages.items()):
        touch(session, page_pk, changes=stored)
    summary.imported += counts.imported
    summary.already += counts.already
    summary.no_page += counts.no_page
    summary.people += counts.people
    summary.unknown_pages |= counts.unknown_pages


def _store(session: Session, config: Settings, item: Incoming, counts: ImportSummary, pages: Counter[int]) -> None:
    if comment_from(session, item.source, item.source_id) is not None:
        counts.already += 1
        return
    page = find_page(session, item.page) if item.page is not None else None
    if page is None:
        counts.no_page += 1
        counts.unknown_pages.add(item.page or "")
        return
    parent = comment_from(session, item.source, item.parent_source_id) if item.parent_source_id else None
    author = _author(session, item, counts)
    resolve = mention_resolver(session, config.demo)
    rendered = render_comment(item.text, resolve_mention=resolve, site_root=config.site_root,
                              departments=config.departments)
    connection = session.connection()
    comment_id = connection.execute(insert(Comment).returning(Comment.id), {
        "page_pk": page.pk, "parent_id": parent, "author_id": author, "text": item.text, "html": rendered.html,
        "state": item.state, "created": item.created, "edited": item.edited, "removed_at": item.removed_at,
        "as_department": item.as_department,
    }).scalar_one()
    connection.execute(insert(ImportSource), {"source": item.source, "source_id": item.source_id,
                                              "comment_id": comment_id})
    for text, created in item.revisions:
        html = render_comment(text, resolve_mention=resolve, site_root=config.site_root,
                              departments=config.departments).html
        connection.execute(insert(CommentRevision), {"comment_id": comment_id, "text": text, "html": html,
                                                     "created": created})
    hashtags = [slug for slug in dict.fromkeys(rendered.hashtags) if len(slug) <= SLUG_MAX]
    if hashtags and item.state == CommentState.VISIBLE.value:
        connection.execute(insert(HashtagUse), [{"slug": slug, "page_pk": page.pk, "comment_id": comment_id,
                                                 "created": item.created} for slug in hashtags])
    connection.execute(insert(SearchQueue), {"comment_id": comment_id})
    pages[page.pk] += 1
    counts.imported += 1


def comment_from(session: Session, source: str, source_id: str) -> int | None:
    """The comment an earlier import made of this source's comment, if any."""
    return session.scalar(select(ImportSource.comment_id).where(
        ImportSource.source == source, ImportSource.source_id == source_id))


def _author(session: Session, item: Incoming, counts: ImportSummary) -> str:
    """The author's person id: theirs (a Plein export), the person with their address, or a new person."""
    email = (item.author_email or "").strip().lower()[:320] or None
    name = (" ".join(item.author_name.split()) or "Anoniem")[:NAME_MAX]
    person_id = item.author_id
    if person_id is None and email is not None:
        person_id = session.scalar(select(Person.id).where(Person.email == email).order_by(Person.id).limit(1))
    if person_id is None:
        person_id = imported_person_id(item.source, name, email)
    if session.scalar(select(func.count()).select_from(Person).where(Person.id == person_id)) == 0:
        session.connection().execute(insert(Person), {"id": person_id, "name": name, "email": email,
                                                      "created": item.created})
        counts.people += 1
    return person_id


def imported_person_id(source: str, name: str, email: str | None) -> str:
    """A stable id for an author another system knew only by name and address: ``isso-jan-jansen-1a2b3c4d``."""
    folded = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60] or "anoniem"
    digest = hashlib.blake2b(f"{name}\x00{email or ''}".encode(), digest_size=4).hexdigest()
    return f"{source}-{slug}-{digest}"[:PERSON_ID_MAX]


def parents_first(items: Iterable[Incoming]) -> Iterator[Incoming]:
    """``items`` ordered so each comment comes after its parent (by creation, then as given)."""
    ordered = sorted(items, key=lambda item: item.created)
    seen: set[str] = set()
    waiting: dict[str, list[Incoming]] = {}
    known = {item.source_id for item in ordered}

    def release(item: Incoming) -> Iterator[Incoming]:
        yield item
        seen.add(item.source_id)
        for child in waiting.pop(item.source_id, []):
            yield from release(child)

    for item in ordered:
        parent = item.parent_source_id
        if parent and parent in known and parent not in seen:
            waiting.setdefault(parent, []).append(item)
        else:
            yield from release(item)
    for orphans in waiting.values():  # a cycle in the source: the rest without their parents
        for item in orphans:
            yield Incoming(**{**item.__dict__, "parent_source_id": None})
