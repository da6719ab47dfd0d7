"""A visit tells the service who someone is: stored on the first, refreshed when the headers change.

Reads stay nearly write-free: a process remembers what it last stored for a person, and writes again only
when the headers say something new or the last visit it stored is an hour old (digests need to know whether
someone came by; to the hour is enough).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from functools import partial
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import db
from ..clock import utcnow
from ..identity import Viewer, demo_login
from ..models import GroupMember, Person
from ..services.people import forget_stored, remember_stored
from .names import fold_name

SEEN_EVERY = dt.timedelta(hours=1)
REMEMBERED_MAX = 4096
_remembered: WeakKeyDictionary[Engine, OrderedDict[str, tuple[Viewer, dt.datetime]]] = WeakKeyDictionary()


def _memory(engine: Engine) -> OrderedDict[str, tuple[Viewer, dt.datetime]]:
    memory = _remembered.get(engine)
    if memory is None:
        memory = _remembered[engine] = OrderedDict()
    return memory


def forget(engine: Engine, person_id: str | None = None) -> None:
    """The person (``None``: everyone) may have been erased: their next visit and write store them afresh
    (this process's memories)."""
    if person_id is None:
        _memory(engine).clear()
    else:
        _memory(engine).pop(person_id, None)
    forget_stored(engine, person_id)


def record_visit(viewer: Viewer) -> None:
    """Store or refresh the viewer's person row, groups and last visit, in a transaction of its own.

    Call it before the request reads anything else. Of two first visits at once, one inserts, the other's
    insert fails and it tries again as an update.
    """
    session = db.session()
    memory = _memory(db.engine_of(session))
    now = utcnow()
    known = memory.get(viewer.id)
    if known is not None and known[0] == viewer and now - known[1] < SEEN_EVERY:
        return
    for attempt in range(2):
        try:
            with db.transaction():
                name, email = _store(session, viewer, now)
            break
        except IntegrityError:
            if attempt:
                raise
    remember_stored(db.engine_of(session), viewer.id, name, email)
    memory[viewer.id] = (viewer, now)
    memory.move_to_end(viewer.id)
    if len(memory) > REMEMBERED_MAX:
        memory.popitem(last=False)


def _store(session: Session, viewer: Viewer, now: dt.datetime) -> tuple[str, str | None]:
    """Insert or update the person; the name and e-mail now stored."""
    stored = session.get(Person, viewer.id)
    email = viewer.email
    if stored is None:
        session.execute(insert(Person).values(
            id=viewer.id, name=viewer.name, email=email, department=viewer.department,
            created=now, last_seen=now,
        ))
    else:
        email = viewer.email or stored.email
        session.execute(update(Person).where(Person.id == viewer.id).values(
            name=viewer.name, name_key=fold_name(viewer.name), email=email,
            department=viewer.department or stored.department, last_seen=now,
        ))
    _store_groups(session, viewer)
    return viewer.name, email


def demo_sign_in(name: str) -> Viewer:
    """A demo login as ``name``, keeping the groups the person had (a colleague of the demo's history: their team)."""
    return demo_login(name, partial(stored_groups, db.session()))


def stored_groups(session: Session, person_id: str) -> frozenset[str]:
    """The groups the person was a member of at their last visit (none for a person not known)."""
    return frozenset(session.scalars(select(GroupMember.group).where(GroupMember.person_id == person_id)))


def _store_groups(session: Session, viewer: Viewer) -> None:
    """The person's groups become exactly what the headers say (a demo login's: ``PLEIN_DEMO_GROUPS`` and those
    the person had when the demo login began)."""
    stored = stored_groups(session, viewer.id)
    if gone := stored - viewer.groups:
        session.execute(delete(GroupMember).where(GroupMember.person_id == viewer.id, GroupMember.group.in_(gone)))
    session.add_all(GroupMember(group=group, person_id=viewer.id) for group in viewer.groups - stored)
