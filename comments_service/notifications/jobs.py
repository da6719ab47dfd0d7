"""The job queue: huey, with its storage from ``PLEIN_JOBS_URL`` (a SQLite file, or Redis at scale).

Huey because one library covers both shapes: embedded SQLite storage needs nothing beside ``make run``, Redis
serves many hosts, and it has periodic tasks and a consumer process of its own. Jobs run only in that consumer
(``flask --app comments_service jobs``), never in a request. A delivery run first tells the comments writes queued
(``queue.notify_queued``: the bell counts them from then on), then mails what is due. It runs every minute and,
after a commit that queued a comment or created mail due at once, when a write asks for it: at most once every
``ASK_INTERVAL`` seconds per process, from a thread of its own, so the request neither waits for the queue nor
fails with it; such a run mails only what is due at once (``delivery.AT_ONCE``). The consumer looks at an
embedded (SQLite) queue at least every ``POLL_AT_MOST`` seconds, so a mention reaches the bell within about a
second; Redis hands it jobs at once.
The scheduler is not trusted for exactly-once: several consumers may run the same delivery, and the claims in the
database decide (``queue``, ``mail.delivery``). Each consumer's scheduler queues a periodic job only after claiming
its period in the database (``periods``), so with a worker on every host a periodic job still runs once per period.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property, partial

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from huey import Huey, crontab
from huey.api import Task, TaskWrapper
from huey.storage import RedisStorage, SqliteStorage

from .. import db
from ..signals import comment_changed
from .mail.delivery import deliver
from .mail.senders import sender_for
from .events import MAIL_DUE
from .periods import claim_period
from .queue import QUEUED, notify_queued

EXTENSION = "plein.jobs"
ASK_INTERVAL = 0.5
"""Seconds between two delivery runs a process asks for (a mention should reach the bell within two)."""
ASK_EXPIRES = 120
POLL_AT_MOST = 0.5
"""Seconds at most between two looks of an idle consumer at an embedded queue (huey's default: 10)."""
"""Seconds an asked-for run stays worth running; the minute's run covers a consumer that was away longer."""
log = logging.getLogger(__name__)


PeriodicJob = Callable[[Flask], object]
"""A job run by the worker on a schedule, given the app (it opens its own app context)."""
_PERIODIC: dict[str, tuple[crontab, PeriodicJob]] = {}


def periodic(name: str, schedule: crontab) -> Callable[[PeriodicJob], PeriodicJob]:
    """Register a periodic job of a capability package (escalations, reports, retention) at import time.

    The worker runs it on ``schedule``; as with mail, several workers may run it at once, so a job decides
    what is still to do from claims in the database, never from having been scheduled.
    """

    def register(job: PeriodicJob) -> PeriodicJob:
        _PERIODIC[name] = (schedule, job)
        return job

    return register


PeriodClaim = Callable[[str, dt.datetime], bool]
"""Whether this consumer takes a periodic job's period (the job's name, the minute it is due)."""


class OncePerPeriod(Huey):
    """Huey whose scheduler queues a periodic job only when ``claim`` gives it the job's period."""

    def __init__(self, claim: PeriodClaim, **options: object) -> None:
        super().__init__("plein", **options)
        self._claim = claim

    def read_periodic(self, timestamp: dt.datetime | None) -> list[Task]:
        """The periodic jobs due at ``timestamp`` (huey's naive UTC) whose period this consumer claimed."""
        timestamp = timestamp or self._get_timestamp()
        due = timestamp.replace(second=0, microsecond=0, tzinfo=dt.UTC)
        taken = []
        for task in super().read_periodic(timestamp):
            try:
                claimed = self._claim(task.name, due)
            except Exception:  # the database is away: the next period's run catches up
                log.exception("could not claim the periodic job %s", task.name)
                continue
            log.info("periodic job %s due %s: %s", task.name, due.isoformat(), "taken" if claimed else "another's")
            if claimed:
                taken.append(task)
        return taken


def make_huey(url: str, claim: PeriodClaim) -> Huey:
    """Huey on ``redis://`` / ``rediss://``, else on the SQLite file of a ``sqlite:///`` URL."""
    if url.startswith(("redis://", "rediss://")):
        return OncePerPeriod(claim, storage_class=RedisStorage, url=url)
    return OncePerPeriod(claim, storage_class=SqliteStorage, filename=url.removeprefix("sqlite:///"))


def claim_in(app: Flask, name: str, due: dt.datetime) -> bool:
    """Claim the period in ``app``'s database, in a transaction of its own."""
    with app.app_context(), db.transaction() as session:
        return claim_period(session, name, due)


def run_deliveries(app: Flask, *, at_once_only: bool = False) -> int:
    """One delivery run in ``app``'s context: the queued changes told, then the mail due sent (``delivery.deliver``;
    none without ``PLEIN_SMTP_HOST`` or ``PLEIN_MAIL_DROP``); how many mails went out."""
    with app.app_context():
        notify_queued()
        sender = sender_for(app.extensions["plein"].mail)
        if sender is None:
            return 0
        with sender:
            return deliver(sender, at_once_only=at_once_only)


def _run_in_context(app: Flask, job: PeriodicJob) -> None:
    """A periodic job in ``app``'s context."""
    with app.app_context():
        job(app)


class Jobs:
    """An app's queue, opened at first use (a process that never queues a job never touches its storage)."""

    def __init__(self, app: Flask) -> None:
        self._app = app
        self._lock = threading.Lock()
        self._asked = False
        self._asker: threading.Thread | None = None

    @cached_property
    def _queue(self) -> tuple[Huey, TaskWrapper]:
        app = self._app
        huey = make_huey(app.extensions["plein"].jobs_url, partial(claim_in, app))

        @huey.periodic_task(crontab(), name="deliver_mail", expires=ASK_EXPIRES)
        def deliver_mail() -> None:
            """Mail what is due, every minute."""
            run_deliveries(app)

        @huey.task(name="deliver_mail_at_once", expires=ASK_EXPIRES)
        def deliver_mail_at_once() -> None:
            """Tell what writes queued and mail what is due at once, when a write asks."""
            run_deliveries(app, at_once_only=True)

        for name, (schedule, job) in _PERIODIC.items():
            huey.periodic_task(schedule, name=name)(partial(_run_in_context, app, job))
        return huey, deliver_mail_at_once

    @property
    def huey(self) -> Huey:
        """The queue, with the service's tasks registered."""
        return self._queue[0]

    def ask_for_delivery(self) -> None:
        """Queue a run of the queued changes and the mails at once now."""
        self._queue[1]()

    def after_write(self) -> None:
        """After the commit of a write that queued a comment or may have made mail due at once: have a run soon.

        The queue itself is written from a thread of its own, so the request never waits for it and never
        fails with it; while a run is asked for already, nothing more is done.
        """
        if not self._asked:
            with self._lock:
                self._asked = True
                if self._asker is None or not self._asker.is_alive():  # after a fork the old thread is gone
                    self._asker = threading.Thread(target=self._asking, name="plein-mail-asker", daemon=True)
                    self._asker.start()

    def _asking(self) -> None:
        """Queue a run when asked, then keep still for ``ASK_INTERVAL``; end when nothing more was asked."""
        while True:
            with self._lock:
                if not self._asked:
                    self._asker = None
                    return
                self._asked = False
            try:
                self.ask_for_delivery()
            except Exception:  # the minute's run catches up; the write already succeeded
                log.exception("could not queue a mail delivery")
            time.sleep(ASK_INTERVAL)


def jobs(app: Flask) -> Jobs:
    """The app's queue."""
    return app.extensions[EXTENSION]


def on_comment_changed(app: Flask, **_: object) -> None:
    """After the commit: if the write queued a comment to tell or made mail due at once, ask for a run."""
    info = db.session().info
    if info.pop(QUEUED, False) | info.pop(MAIL_DUE, False):
        jobs(app).after_write()


NICE = 10
"""How much lower the job worker's CPU priority is than the web workers' (``flask jobs --nice``).

Its work waits well: a notification or a mail a second later goes unnoticed, a page that loads slower does not.
Under a full load the kernel still gives a process at 10 about a tenth of a busy core, more than the worker
needs to keep up with the writes (docs/performance.md, step 27: the reads beside a comment that notifies 10,000
followers keep 88 % of their rate, against 78 %)."""


@click.command("jobs")
@click.option("--workers", default=1, show_default=True, help="Threads running jobs.")
@click.option("--nice", type=click.IntRange(0, 19), default=NICE, show_default=True,
              help="Lower the worker's CPU priority by this much (0: as the web workers), so requests come first.")
@with_appcontext
def jobs_command(workers: int, nice: int) -> None:
    """Run the job worker (huey's consumer): mail deliveries and the periodic jobs; stops on SIGINT/SIGTERM."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # Before the consumer starts its threads, which inherit it (on Linux each thread has its own). The search
    # index's drains, started with the app when this process holds the index's writer, keep the web workers'
    # priority: a comment stays findable within seconds.
    try:
        os.nice(nice)
    except OSError as error:  # a sandbox that refuses it: the jobs run all the same, at the web workers' priority
        log.warning("could not lower the job worker's priority: %s", error)
    consumer = jobs(current_app).huey.create_consumer(workers=workers, periodic=True, max_delay=POLL_AT_MOST)
    consumer.run()


@contextmanager
def worker_beside(app: Flask) -> Iterator[subprocess.Popen[bytes]]:
    """``flask jobs`` as a child process while the block runs (the one-process server of ``make run``)."""
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", app.import_name, "jobs"])
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def init_app(app: Flask) -> None:
    """Give the app its queue, ask for runs after writes, add ``flask jobs``."""
    app.extensions[EXTENSION] = Jobs(app)
    comment_changed.connect(on_comment_changed, app, weak=False)
    app.cli.add_command(jobs_command)
