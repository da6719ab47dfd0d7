"""An announcement mailed to 10,000 people, while readers keep reading: `python -m benchmarks.announcements.run`.

Goals (issue 13): the announcement's 10,000 mails are queued within 60 s of posting it, all are handed to a real
SMTP server on 127.0.0.1, and meanwhile Plein's reads stay at least 25 × Isso's (Isso 0.14 read alone, on the
same machine, as `benchmarks/service/run.py` measures it).

Plein runs in its production layout (gunicorn, `flask search-indexer`, `flask jobs`; see
`benchmarks/service/plein_side.py`). The 10,000 people are written straight into its SQLite database (as 10,000
first visits would leave them; `PleinSide.seed` writes 10,000 followers of a page, and `--people` adds more),
a quarter of them reading mail in English. The announcer, in the group with the
communication role, posts the announcement with `"mail": true`; the post's answer comes after the commit that
queued every mail. Then wrk reads a 50-comment conversation while the job worker (its minute job) sends the
mails, and the benchmark waits until the SMTP server has them all.

    .venv/bin/python -m benchmarks.announcements.run                         # the measurement
    .venv/bin/python -m benchmarks.announcements.run --seconds 3 --skip-isso   # does it work? (~1 min)
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import threading
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.service.client import JsonClient
from benchmarks.service.conversation import seed_comments
from benchmarks.service.isso_side import IssoSide
from benchmarks.service.load import Result, run, wrk_path
from benchmarks.service.mentions import MailSink
from benchmarks.service.plein_side import PleinSide
from benchmarks.service.run import WORK, WARM_UP_S

PEOPLE = 10_000
QUEUED_GOAL_S = 60.0
READS_GOAL = 25.0
MAILED_WAIT_S = 600.0
ANNOUNCER = (("X-Plein-User", "carla"), ("X-Plein-Name", "Carla Communicatie"), ("X-Plein-Groups", "communicatie"))


class AnnouncingPlein(PleinSide):
    """Plein with the group `communicatie` given the communication role."""

    def _environment(self, host: int) -> dict[str, str]:
        return {**super()._environment(host), "PLEIN_COMMUNICATION_GROUPS": "communicatie"}


def seed_people(database: Path, people: int) -> None:
    """People with an address up to `people` in all (`PleinSide.seed` made 10,000 followers of a page already),
    every fourth new one reading mail in English; then every fourth of all reads English."""
    with closing(sqlite3.connect(database)) as connection, connection:
        (known,) = connection.execute("SELECT count(*) FROM people WHERE email IS NOT NULL").fetchone()
        connection.executemany(
            "INSERT INTO people (id, name, email, language, created, low_profile, unread)"
            " VALUES (?, ?, ?, ?, datetime('now'), 0, 0)",
            ((f"lezer{n}", f"Lezer {n}", f"lezer{n}@bench.test", "en" if n % 4 == 0 else None)
             for n in range(max(0, people - known))),
        )
        connection.execute("UPDATE people SET language = 'en' WHERE rowid % 4 = 0")


def queued(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return int(connection.execute("SELECT count(*) FROM announcement_mails").fetchone()[0])


@dataclass
class Mailing:
    """When the announcement was queued (the post's answer) and when the SMTP server had every mail."""

    queued_s: float = 0.0
    queued_mails: int = 0
    all_mailed_s: float | None = None
    mailed: int = 0


def announce(url: str, database: Path, sink: MailSink, mailing: Mailing) -> None:
    """Post the announcement, then wait until every reader's mail reached the SMTP server."""
    client = JsonClient(url, dict(ANNOUNCER))
    try:
        token = client.request("GET", "/api/me", expect=200).body["csrf_token"]
        client.headers = {**dict(ANNOUNCER), "X-CSRF-Token": token}
        before = len(sink.arrived)
        started = time.monotonic()
        client.request("POST", "/api/announcements", {"title": "Storing e-mail vanmiddag", "mail": True,
                                                      "text": "Tussen 14:00 en 15:00 werkt de mail niet."},
                       expect=201)
        mailing.queued_s = time.monotonic() - started
        mailing.queued_mails = queued(database)
        while time.monotonic() - started < MAILED_WAIT_S:
            mailing.mailed = len(sink.arrived) - before
            if mailing.mailed >= mailing.queued_mails:
                mailing.all_mailed_s = time.monotonic() - started
                return
            time.sleep(0.2)
    finally:
        client.close()


def isso_reads(seconds: int, connections: int) -> Result:
    isso = IssoSide(WORK)
    isso.install()
    with isso.serve() as server:
        isso.seed(server.url, seed_comments())
        read = isso.read_scenario(server.url)
        run(read, seconds=WARM_UP_S, connections=connections)
        return run(read, seconds=seconds, connections=connections)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=PEOPLE,
                        help=f"people with an address the service knows, at least the seed's 10,000 (default {PEOPLE:,})")
    parser.add_argument("--seconds", type=int, default=20, help="length of the read measure (default 20)")
    parser.add_argument("--connections", type=int, default=8, help="wrk's keep-alive connections (default 8)")
    parser.add_argument("--skip-isso", action="store_true", help="no Isso baseline (a quick check of the script)")
    args = parser.parse_args(argv)
    if not (1 <= args.people <= 100_000 and 1 <= args.seconds <= 120 and 1 <= args.connections <= 256):
        parser.error("keep it bounded: 1-100,000 people, 1-120 s, 1-256 connections")
    wrk_path()
    isso = None if args.skip_isso else isso_reads(args.seconds, args.connections)
    mailing = Mailing()
    with MailSink() as sink:
        plein = AnnouncingPlein(WORK, sink)
        with plein.serve() as server:
            plein.seed(server.url, seed_comments())
            seed_people(Path(plein.database_url.removeprefix("sqlite:///")), args.people)
            read = plein.read_scenario(server.url)
            run(read, seconds=WARM_UP_S, connections=args.connections)
            poster = threading.Thread(target=announce, args=(server.url, Path(plein.database_url.removeprefix("sqlite:///")), sink, mailing))
            poster.start()
            reads = run(read, seconds=args.seconds, connections=args.connections)
            poster.join(MAILED_WAIT_S + 10)
    print(report(args.people, mailing, reads, isso))
    return 0


def report(people: int, mailing: Mailing, reads: Result, isso: Result | None) -> str:
    queued_ok = mailing.queued_s <= QUEUED_GOAL_S and mailing.queued_mails >= people
    lines = [
        f"announcement to {people:,} people: {mailing.queued_mails:,} mails queued {mailing.queued_s:.2f} s after "
        f"posting (goal ≤ {QUEUED_GOAL_S:g} s: {'met' if queued_ok else 'MISSED'})",
        f"handed to SMTP: {mailing.mailed:,} mails" + (f", the last {mailing.all_mailed_s:.1f} s after posting "
                                                       "(the worker's minute job included)"
                                                       if mailing.all_mailed_s is not None else " (NOT all)"),
        f"Plein reads meanwhile: {reads.per_second:,.0f}/s ({reads.failed} failed)",
    ]
    if isso is not None:
        ratio = reads.per_second / max(isso.per_second, 1e-9)
        lines.append(f"Isso reads alone: {isso.per_second:,.0f}/s; Plein {ratio:.2f} × Isso "
                     f"(goal ≥ {READS_GOAL:g} ×: {'met' if ratio >= READS_GOAL else 'MISSED'})")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
