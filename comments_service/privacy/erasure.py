"""Erasing a person: every registered table treated as ``registry.py`` says, in one transaction.

Their comments stay as "removed" placeholders (others' replies hang on them) and leave the search index
through its queue; what they wrote in a department's name stays whole, no longer saying who wrote it; their
pages' conversations count a change, so cached threads go stale; the bell counts of people who lose a
notification are counted again; the audit records that an erasure happened and how many rows it touched,
never whom.
"""

from __future__ import annotations

import json
import secrets
from collections import Counter

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from .. import db
from ..models import ERASED_PREFIX, Comment, Person, Reaction, SearchQueue
from ..notifications.models import Notification
from ..schema import metadata
from ..services.pages import touch
from ..people.visits import forget
from .export import require_person
from .models import AuditEntry
from .records import person_email, rows_of
from .registry import PERSON_TABLE, PERSONAL_DATA, Erase, PersonalData

_RECOUNT_UNREAD = update(Person).where(Person.id == bindparam("person_id")).values(
    unread=select(func.count())
    .select_from(Notification)
    .where(Notification.person_id == bindparam("person_id"), Notification.read_at.is_(None))
    .scalar_subquery()
)


def erase_person(session: Session, person_id: str) -> dict[str, int]:
    """Erase the person (404 when unknown); returns how many rows each table lost or had overwritten.

    The caller owns the transaction.
    """
    connection = session.connection()
    require_person(connection, person_id)
    email = person_email(connection, person_id)
    comment_ids = list(connection.scalars(select(Comment.id).where(Comment.author_id == person_id)))
    touched_pages = set(connection.scalars(select(Comment.page_pk).where(Comment.author_id == person_id)))
    touched_pages |= set(connection.scalars(select(Reaction.page_pk).where(Reaction.person_id == person_id)))
    notified = set(connection.scalars(
        select(Notification.person_id).where(Notification.comment_id.in_(comment_ids), Notification.read_at.is_(None))
    )) if comment_ids else set()
    counts: Counter[str] = Counter()
    pseudonym = ERASED_PREFIX + secrets.token_hex(8)
    for table in reversed(metadata.sorted_tables):
        for entry in PERSONAL_DATA:
            if entry.table == table.name:
                counts[table.name] += _apply(connection, entry, person_id, email, pseudonym)
    for page_pk in sorted(touched_pages):
        touch(session, page_pk)
    if comment_ids:
        connection.execute(insert(SearchQueue), [{"comment_id": comment_id} for comment_id in comment_ids])
    for other in sorted(notified - {person_id}):
        connection.execute(_RECOUNT_UNREAD, {"person_id": other})
    summary = {table: count for table, count in sorted(counts.items()) if count}
    session.add(AuditEntry(action="erasure", detail=json.dumps(summary, sort_keys=True)))
    forget(db.engine_of(session), person_id)  # this process's memories of them; see docs/privacy.md for others
    return summary


def _apply(connection: Connection, entry: PersonalData, person_id: str, email: str | None, pseudonym: str) -> int:
    """One registry entry's erasure; the number of rows it touched."""
    table = metadata.tables[entry.table]
    condition = rows_of(entry, person_id, email)
    if entry.erase is Erase.DELETE:
        return connection.execute(delete(table).where(condition)).rowcount
    if entry.erase is Erase.DETACH:
        assert entry.person_column is not None
        return connection.execute(update(table).where(condition).values({entry.person_column: None})).rowcount
    if entry.erase in (Erase.PLACEHOLDER, Erase.REATTRIBUTE):
        if not connection.scalar(select(func.count()).select_from(table).where(condition)):
            return 0
        values = dict(entry.values)
        if entry.person_column is not None:
            values[entry.person_column] = pseudonym
        _ensure_pseudonym(connection, pseudonym)
        return connection.execute(update(table).where(condition).values(values)).rowcount
    if entry.erase is Erase.ANONYMISE:  # the row goes; placeholders point at the anonymous row made for them
        assert entry.table == PERSON_TABLE, "only the person row is anonymised; other tables use PLACEHOLDER"
        return connection.execute(delete(table).where(condition)).rowcount
    return 0  # Erase.KEEP: comes from outside (see the entry's reason)


def _ensure_pseudonym(connection: Connection, pseudonym: str) -> None:
    """The anonymous person row (the registry's values) that placeholders point at, made once per erasure."""
    if connection.scalar(select(Person.id).where(Person.id == pseudonym)) is None:
        people = next(entry for entry in PERSONAL_DATA if entry.table == PERSON_TABLE)
        connection.execute(insert(Person).values({"id": pseudonym, **people.values}))
