"""People as the single sign-on proxy describes them, stored (or found stored) by the writes they make.

Their first visit usually stores them already (``comments_service.people.visits``), which tells this module.
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import suppress
from weakref import WeakKeyDictionary

from sqlalchemy import BindParameter, Engine, bindparam, event, func, insert, select, update
from sqlalchemy.orm import Session, SessionTransaction

from ..clock import utcnow
from ..db import engine_of
from ..identity import DEMO_ID_PREFIX, Viewer
from ..models import Person
from ..people.names import fold_name
from ..prepared import Prepared
from ..rendering.mentions import MentionResolver


# Built once: every write runs these (a statement built per request costs more than running it).
_STORED = select(Person.name, Person.email).where(Person.id == bindparam("person_id"))
_INSERT = insert(Person)
_UPDATE = update(Person).where(Person.id == bindparam("person_id"))  # SET: the other parameters' columns
# The candidates are the handle and, in demo mode, the demo id it may stand for (else the handle twice): two fixed
# parameters, as a list of varying length would make the statement be rendered again on every write.
_CANDIDATES: list[BindParameter[str]] = [bindparam("handle"), bindparam("demo_handle")]
_BY_ID = Prepared(  # the handle as the autocomplete inserts it: primary-key look-ups
    select(Person.id, Person.name)
    .where(Person.id.in_(_CANDIDATES), Person.low_profile.is_(False))
    .order_by(Person.id)
    .limit(1)
)
_BY_HANDLE = Prepared(  # typed in another case: a scan of the people, so only when the exact id names nobody
    select(Person.id, Person.name)
    .where(func.lower(Person.id).in_(_CANDIDATES), Person.low_profile.is_(False))
    .order_by(Person.id)
    .limit(1)
)


# Per engine (so apps and test databases never share it) and process: person id -> (name, e-mail)
# as last stored or seen stored by a committed transaction, least recently used first.
KNOWN_PEOPLE_MAX = 4096
_known: WeakKeyDictionary[Engine, OrderedDict[str, tuple[str, str | None]]] = WeakKeyDictionary()
_PENDING = "plein.people.pending"  # Session.info key: what this transaction stored or saw, kept on commit


def ensure_person(session: Session, viewer: Viewer) -> None:
    """Insert the viewer, or bring the stored name and e-mail up to date with the headers.

    Called by writes only, so reading a thread never writes to the database. A person whose headers
    match what this process last stored or saw stored costs no statement; otherwise one small query
    (and an insert or update when something changed). The trade-off: what another worker process stored
    is not seen here. Headers that differ from what this process remembers are checked and stored as
    ever, but headers equal to it write nothing, even when another process stored something else since.
    It relies on people being deleted only by an erasure, which every process hears of within seconds
    (``privacy.watch``) and then forgets whom it remembers.
    """
    known = _known_people(engine_of(session))
    remembered = known.get(viewer.id)
    if remembered is not None and remembered == (viewer.name, viewer.email or remembered[1]):
        with suppress(KeyError):  # another thread (threaded dev server) may have just let it go
            known.move_to_end(viewer.id)
        return
    connection = session.connection()
    stored = connection.execute(_STORED, {"person_id": viewer.id}).first()
    if stored is None:
        values = (viewer.name, viewer.email)
        connection.execute(_INSERT, {"id": viewer.id, "name": values[0], "email": values[1], "created": utcnow()})
    else:
        values = (viewer.name, viewer.email or stored.email)
        if (stored.name, stored.email) != values:
            connection.execute(_UPDATE, {"person_id": viewer.id, "name": values[0], "name_key": fold_name(values[0]),
                                         "email": values[1]})
    session.info.setdefault(_PENDING, []).append((known, viewer.id, values))


def _known_people(engine: Engine) -> OrderedDict[str, tuple[str, str | None]]:
    """The people this process remembers for ``engine``'s database."""
    known = _known.get(engine)
    if known is None:
        known = _known[engine] = OrderedDict()
    return known


def remember_stored(engine: Engine, person_id: str, name: str, email: str | None) -> None:
    """A committed transaction elsewhere (a visit) stored this name and e-mail: writes need not check again."""
    known = _known_people(engine)
    known[person_id] = (name, email)
    known.move_to_end(person_id)
    if len(known) > KNOWN_PEOPLE_MAX:
        known.popitem(last=False)


def forget_stored(engine: Engine, person_id: str | None = None) -> None:
    """The person (``None``: everyone) may have been erased: writes must store them again (this process's
    memory; see ``ensure_person``)."""
    if person_id is None:
        _known_people(engine).clear()
    else:
        _known_people(engine).pop(person_id, None)


@event.listens_for(Session, "after_commit")
def _remember(session: Session) -> None:
    """Remember the people a transaction stored or saw, once it committed (a rollback may undo an insert)."""
    for known, person_id, values in session.info.pop(_PENDING, ()):
        known[person_id] = values
        known.move_to_end(person_id)
        if len(known) > KNOWN_PEOPLE_MAX:
            known.popitem(last=False)


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    """A transaction that ended without a commit leaves nothing to remember."""
    session.info.pop(_PENDING, None)


def mention_resolver(session: Session, demo: bool) -> MentionResolver:
    """A resolver for the renderer: ``@handle`` is a person id (the exact id first, else case-insensitive; demo
    ids too)."""

    def resolve(handle: str) -> tuple[str, str] | None:
        """The id and name of the person ``@handle`` names, or ``None``."""
        exact = {"handle": handle, "demo_handle": DEMO_ID_PREFIX + handle if demo else handle}
        row = _BY_ID.first(session, exact) or _BY_HANDLE.first(
            session, {name: candidate.casefold() for name, candidate in exact.items()}
        )
        return (row[0], row[1]) if row is not None else None

    return resolve

