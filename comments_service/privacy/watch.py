"""Erasures made by other processes: each process looks every ``CHECK_EVERY`` seconds whether one happened since,
and then forgets whom it remembers as stored.

A worker remembers for up to an hour that a person's row exists (``people.visits``, ``services.people``), so
reads and writes need not store them again; an erasure elsewhere deletes that row, and a memory left standing
would let the next write name a person who is gone. The audit row every erasure writes (without whom) is the
signal: one small query per process every few seconds, and since it says nobody's name, everyone is forgotten
(the next visit or write of each stores them again: one statement).
"""

from __future__ import annotations

import datetime as dt
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, func, select

from .. import db
from ..clock import utcnow
from ..people.visits import forget
from .models import AuditEntry

CHECK_EVERY = dt.timedelta(seconds=2)
"""Between two looks of one process (a just-erased person's own process forgets them at once)."""
_LATEST = select(func.max(AuditEntry.id)).where(AuditEntry.action == "erasure")
_UNKNOWN = -1
_seen: WeakKeyDictionary[Engine, tuple[dt.datetime, int | None]] = WeakKeyDictionary()


def forget_the_erased() -> None:
    """``before_request``: forget everyone remembered when an erasure happened since the last look.

    The first request only starts the clock (no query: a process remembers nobody yet); the first look after it
    forgets everyone once, whatever it finds. The service's clock, so tests decide when a look is due. Its
    own short connection, so the request's session starts no read transaction here.
    """
    engine = db.engine()
    now = utcnow()
    last = _seen.get(engine)
    if last is None:
        _seen[engine] = (now, _UNKNOWN)
        return
    if now - last[0] < CHECK_EVERY:
        return
    with engine.connect() as connection:
        latest = connection.scalar(_LATEST)
    if latest != last[1]:
        forget(engine)
    _seen[engine] = (now, latest)
