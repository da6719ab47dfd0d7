"""Each periodic job runs once per period, however many job workers (hosts) schedule it.

Huey's scheduler runs in every consumer (``flask jobs``): with the queue in Redis and a worker per host, each
would queue the same periodic job every period. Before a consumer queues one, it claims the period (the minute
its scheduler found the job due) with a guarded update of the job's row in the service's database, which every
host shares; only the consumer whose update changed the row queues the job. A period is claimed only if it is
later than the last one claimed, so a host whose clock lags a little never runs a period again.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from .. import db
from ..models import Base, UTCDateTime


class PeriodicRun(Base):
    """The last period for which a periodic job was queued."""

    __tablename__ = "periodic_runs"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    due: Mapped[dt.datetime] = mapped_column(UTCDateTime())


def claim_period(session: Session, name: str, due: dt.datetime) -> bool:
    """Whether this caller takes the job's period ``due`` (the caller commits).

    Of two consumers claiming one period, PostgreSQL makes the second update wait for the first's commit and
    then finds the row changed (``due`` no longer earlier), SQLite lets one writer in at a time: exactly one wins.
    """
    upsert = db.insert_of(session)
    first = upsert(PeriodicRun).values(name=name, due=due).on_conflict_do_nothing().returning(PeriodicRun.name)
    if session.execute(first).first() is not None:
        return True
    later = update(PeriodicRun).where(PeriodicRun.name == name, PeriodicRun.due < due).values(due=due)
    return session.execute(later.returning(PeriodicRun.name)).first() is not None
