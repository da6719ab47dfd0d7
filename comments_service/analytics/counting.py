"""Counting page views and searches: in memory per process, written to the database in one go every few seconds.

A view costs a few dictionary updates under a lock (no query), so counting keeps up with thousands of views a
second; a thread of the process flushes the tallies every ``FLUSH_SECONDS`` with one statement per table (an
upsert adding counts) and a merge of the reader sketches, which are maxima and so safe to merge from many
processes in any order. A flush that fails puts its tallies back for the next one; the last tallies are
flushed when the process exits. An app in testing mode (``TESTING``) starts no thread and writes at exit
nothing: its tests flush when they want the counts.

A reader is counted once per page and local day by the process that sees them (a short digest of reader, page
and day in a set dropped when the day ends), so reloads, the widget's revalidations and prefetches do not
inflate the figures. Nobody's reading is stored: the database gets counts per page and day and the sketches.
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import logging
import threading
import time
import weakref
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from flask import Flask, current_app, request
from sqlalchemy import Connection, bindparam, select, update

from .. import db
from ..clock import utcnow
from ..signals import search_answered
from . import sketch
from .models import QUERY_MAX, PageViews, Readers, Searches, ViewsDaily, ViewsMonthly

EXTENSION = "plein.analytics.tally"
FLUSH_SECONDS = 5.0
SEEN_MAX = 2_000_000
"""Digests remembered per day before the set starts afresh (about 100 MB at worst; counts a few twice then)."""
log = logging.getLogger(__name__)


def normalised(query: str) -> str:
    """A search query as it is counted: case-folded, whitespace collapsed, cut to the column's size."""
    return " ".join(query.casefold().split())[:QUERY_MAX]


@dataclass
class Taken:
    """The tallies of one flush."""

    views: Counter[tuple[int, dt.date]] = field(default_factory=Counter)
    ranks: dict[str, dict[int, int]] = field(default_factory=dict)
    searches: Counter[tuple[dt.date, str]] = field(default_factory=Counter)
    empty: Counter[tuple[dt.date, str]] = field(default_factory=Counter)

    def __bool__(self) -> bool:
        return bool(self.views or self.ranks or self.searches)

    def add(self, other: Taken) -> None:
        """Count ``other`` in too (a failed flush's tallies back into the waiting ones)."""
        self.views.update(other.views)
        self.searches.update(other.searches)
        self.empty.update(other.empty)
        for period, ranks in other.ranks.items():
            mine = self.ranks.setdefault(period, {})
            for index, rank in ranks.items():
                mine[index] = max(rank, mine.get(index, 0))


class Tally:
    """One process's counts waiting to be written, and its flushing thread."""

    def __init__(self, app: Flask, timezone: ZoneInfo, key: bytes) -> None:
        self._app = app
        self._timezone = timezone
        self._key = key
        self._lock = threading.Lock()
        self._waiting = Taken()
        self._seen: set[bytes] = set()
        self._seen_day: dt.date | None = None
        self._flusher: threading.Thread | None = None

    def today(self) -> dt.date:
        """The local date now."""
        return utcnow().astimezone(self._timezone).date()

    def view(self, page_pk: int, visitor: str) -> None:
        """A view of the page by ``visitor`` (a person's id, ``anonymous:<digest>`` for an unidentified reader)."""
        day = self.today()
        mark = hashlib.blake2b(f"{page_pk}\x00{visitor}".encode(), key=self._key, digest_size=8).digest()
        identified = not visitor.startswith("anonymous:")
        place = sketch.position(visitor, self._key) if identified else None
        with self._lock:
            if self._seen_day != day or len(self._seen) >= SEEN_MAX:
                self._seen, self._seen_day = set(), day
            if mark in self._seen:
                return
            self._seen.add(mark)
            self._waiting.views[(page_pk, day)] += 1
            if place is not None:
                index, rank = place
                for period in (day.isoformat(), day.isoformat()[:7]):
                    ranks = self._waiting.ranks.setdefault(period, {})
                    if rank > ranks.get(index, 0):
                        ranks[index] = rank
        self._start_flusher()

    def search(self, query: str, found: bool) -> None:
        """A search for ``query`` that found something or nothing."""
        key = (self.today(), normalised(query))
        if not key[1]:
            return
        with self._lock:
            self._waiting.searches[key] += 1
            if not found:
                self._waiting.empty[key] += 1
        self._start_flusher()

    def flush(self) -> None:
        """Write what is waiting (in the app's context); on failure it waits for the next flush."""
        with self._lock:
            taken, self._waiting = self._waiting, Taken()
        if not taken:
            return
        try:
            with db.engine().begin() as connection:
                write(connection, taken)
        except Exception:
            with self._lock:
                self._waiting.add(taken)
            raise

    def _start_flusher(self) -> None:
        if self._app.testing:  # a test flushes when it wants the counts: no thread writing into a later test
            return
        if self._flusher is None or not self._flusher.is_alive():  # after a fork the parent's thread is gone
            with self._lock:
                if self._flusher is None or not self._flusher.is_alive():
                    self._flusher = threading.Thread(target=self._flushing, name="plein-analytics", daemon=True)
                    self._flusher.start()

    def _flushing(self) -> None:
        while True:
            time.sleep(FLUSH_SECONDS)
            try:
                with self._app.app_context():
                    self.flush()
            except Exception:  # the tallies wait for the next round
                log.exception("analytics: could not write the counts")


def write(connection: Connection, taken: Taken) -> None:
    """Add ``taken`` to the stored counts: one upsert per table (views per page and day, per day, per page and
    month; searches), the sketches merged under their rows' locks."""
    insert = db.insert_of(connection)
    if taken.views:
        statement = insert(PageViews)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["page_pk", "day"], set_={"views": PageViews.views + statement.excluded.views}
            ),
            [{"page_pk": page_pk, "day": day, "views": n} for (page_pk, day), n in sorted(taken.views.items())],
        )
    if taken.views:
        days: Counter[dt.date] = Counter()
        months: Counter[tuple[str, int]] = Counter()
        for (page_pk, day), n in taken.views.items():
            days[day] += n
            months[(day.isoformat()[:7], page_pk)] += n
        statement = insert(ViewsDaily)
        connection.execute(
            statement.on_conflict_do_update(index_elements=["day"], set_={"views": ViewsDaily.views + statement.excluded.views}),
            [{"day": day, "views": n} for day, n in sorted(days.items())],
        )
        statement = insert(ViewsMonthly)
        connection.execute(
            statement.on_conflict_do_update(index_elements=["month", "page_pk"],
                                            set_={"views": ViewsMonthly.views + statement.excluded.views}),
            [{"month": month, "page_pk": page_pk, "views": n} for (month, page_pk), n in sorted(months.items())],
        )
    if taken.searches:
        statement = insert(Searches)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["day", "query"],
                set_={"searches": Searches.searches + statement.excluded.searches,
                      "empty": Searches.empty + statement.excluded.empty},
            ),
            [{"day": day, "query": query, "searches": n, "empty": taken.empty[(day, query)]}
             for (day, query), n in sorted(taken.searches.items())],
        )
    if taken.ranks:
        periods = sorted(taken.ranks)
        connection.execute(
            insert(Readers).on_conflict_do_nothing(), [{"period": p, "registers": sketch.EMPTY} for p in periods]
        )
        rows = connection.execute(
            select(Readers.period, Readers.registers).where(Readers.period.in_(periods)).with_for_update()
        )
        merged = [{"p": period, "r": sketch.apply(registers, taken.ranks[period])} for period, registers in rows]
        connection.execute(
            update(Readers.__table__).where(Readers.period == bindparam("p")).values(registers=bindparam("r")), merged
        )


def tally(app: Flask) -> Tally:
    """The app's tally."""
    return app.extensions[EXTENSION]


_live: weakref.WeakSet[Flask] = weakref.WeakSet()


@atexit.register
def _last_flush() -> None:
    """Write what every live app still holds when the process ends."""
    for app in list(_live):
        try:
            with app.app_context():
                tally(app).flush()
        except Exception:  # the database may be gone at exit already
            log.exception("analytics: could not write the last counts")


def init_app(app: Flask, timezone: ZoneInfo, key: bytes) -> None:
    """Give the app its tally, flushed at exit too."""
    app.extensions[EXTENSION] = Tally(app, timezone, key)
    search_answered.connect(count_search, app, weak=False)
    if not app.testing:
        _live.add(app)


def count_view(page_pk: int, viewer_id: str | None) -> None:
    """Count this request as a view of the page, unless the browser only prefetches it.

    An unidentified reader is told apart (once per page and day) by a digest of address and browser, kept in
    memory only; they count as a view but not as a reader.
    """
    purpose = request.headers.get("Sec-Purpose") or request.headers.get("Purpose") or ""
    if purpose.startswith("prefetch"):
        return
    visitor = viewer_id or f"anonymous:{request.remote_addr}\x00{request.user_agent.string}"
    tally(current_app).view(page_pk, visitor)


def count_search(app: Flask, *, query: str, found: bool, **_: object) -> None:
    """Count a search (``signals.search_answered``: its first page of results only)."""
    tally(app).search(query, found)
