"""What one comment write costs Plein, in instructions: `python -m benchmarks.service.write_cost [--writes 300]
[--mention]`.

The service benchmark's CPU time per write swings by up to 1.6 × between minutes on a shared VM, too much to see a
change of a few per cent. Counted instructions do not swing: this runs the same write as the benchmark (the
Flask test client, SQLite, the search index fed in batches of 100 and the queued notifications told as often, as the
job worker does) twice under valgrind's callgrind, once with `--writes` more writes than the other, and prints the
difference per write: with both drains, with the search index's alone, and without them, so the two drains' shares
tell apart.
With `--mention` each comment mentions a colleague with an e-mail address, as in the benchmark's mention load: a
notification with mail due at once per write.

What the service does once every so many seconds would count as often as valgrind is slow (a second lasts a few
writes there, some 250 at the benchmark's rate) and change with the machine's load. So the service's clock moves
on a fixed step at every reading (`SteppingClock`: the look for erasures elsewhere comes every few hundred writes,
in every run alike), and the job queue, which a process asks at most once a second by the machine's clock, is
asked once per run (no mail is sent here).
Takes about 4 minutes (the two runs of each pair at once on 2 cores); needs valgrind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.service.conversation import MENTION_TEXT, MENTIONED, WRITE_TEXT
from benchmarks.service.mentions import person_headers
from benchmarks.service.widget import REPO_ROOT

WARM_UP_WRITES = 200
DRAIN_EVERY = 100
_TOTAL = re.compile(rb"Collected : (\d+)")


class SteppingClock:
    """The service's clock for the measure: ``STEP`` later at every reading, the same moments in every run."""

    STEP = dt.timedelta(microseconds=500)  # a write reads the clock about 8 times: some 250 writes a second

    def __init__(self) -> None:
        self._now = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)

    def now(self) -> dt.datetime:
        self._now += self.STEP
        return self._now


DRAINS: dict[str, str] = {
    "all": "with the drains (search, notifications)",
    "search": "with the search index's drains alone",
    "": "without the drains",
}
"""What `write` drains every `DRAIN_EVERY` writes, and how the result says it."""


def write(writes: int, *, drain: str, mention: bool = False, whoosh: bool = False) -> None:
    """The measured program: a fresh service, one page, `WARM_UP_WRITES + writes` comments (each mentioning
    a colleague who visited first, with `mention`); `drain` is a key of `DRAINS`; `whoosh` searches a Whoosh
    index instead of the database's own full text."""
    from comments_service import create_app
    from comments_service.notifications import jobs
    from comments_service.notifications.queue import notify_queued
    from comments_service.search.views import EXTENSION

    jobs.ASK_INTERVAL = 3600.0  # see the module's docstring: once per run, not once per second of valgrind's

    work = Path(tempfile.mkdtemp())
    try:
        app = create_app({
            "PLEIN_DATABASE_URL": f"sqlite:///{work / 'plein.sqlite3'}", "PLEIN_SECRET_KEY": "cost",
            "PLEIN_TRUSTED_PROXIES": "127.0.0.1/32", "PLEIN_SYNC_TOKEN": "cost",
            "PLEIN_RATELIMIT_WRITE": "1000000 per minute", "PLEIN_SEARCH_DIR": str(work / "search"),
            "PLEIN_JOBS_URL": f"sqlite:///{work / 'jobs.sqlite3'}", "PLEIN_CLOCK": SteppingClock(),
            "PLEIN_SEARCH_BACKEND": "whoosh" if whoosh else "sqlite",
        })
        backend = app.extensions[EXTENSION]
        backend.rebuild_if_needed(lambda: [])
        backend.close()  # no drains on a clock: they come every DRAIN_EVERY writes, the same in every run
        client = app.test_client()
        page = {"id": "cost", "url": "cost/", "title": "cost", "hashtags": [], "former_ids": []}
        client.post("/api/sync", json={"version": 1, "pages": [page]}, headers={"Authorization": "Bearer cost"})
        if mention:  # known from a first visit, so every mention of them links and notifies
            client.get("/api/me", headers=person_headers(MENTIONED), environ_base={"REMOTE_ADDR": "127.0.0.1"})
        text = MENTION_TEXT if mention else WRITE_TEXT
        headers = {"X-Plein-User": "bench", "X-Plein-Name": "Bench"}
        headers["X-CSRF-Token"] = json.loads(client.get("/api/me", headers=headers).data)["csrf_token"]
        for number in range(WARM_UP_WRITES + writes):
            body = '{"text": "%s", "parent_id": null}' % text.replace("{n}", str(number))
            answer = client.post("/api/pages/cost/comments", data=body, headers=headers,
                                 content_type="application/json", environ_base={"REMOTE_ADDR": "127.0.0.1"})
            if answer.status_code != 201:
                raise RuntimeError(answer.get_data(as_text=True))
            if drain and number % DRAIN_EVERY == DRAIN_EVERY - 1:
                backend.drain()
            if drain == "all" and number % DRAIN_EVERY == DRAIN_EVERY - 1:
                with app.app_context():  # the job worker's part: the notifications of the queued comments
                    notify_queued()
    finally:
        shutil.rmtree(work)


def instructions(writes: int, *, drain: str, mention: bool, whoosh: bool) -> int:
    """Instructions the whole program executes (start-up included), counted by callgrind."""
    with tempfile.TemporaryDirectory() as out:
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}/callgrind.out",
                   sys.executable, "-m", "benchmarks.service.write_cost", "--run", str(writes)]
        env = {**os.environ, "PYTHONHASHSEED": "0", "PLEIN_COST_DRAIN": drain,
               "PLEIN_COST_MENTION": "1" if mention else "", "PLEIN_COST_WHOOSH": "1" if whoosh else ""}
        finished = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, check=False)
        found = _TOTAL.search(finished.stderr)
        if finished.returncode or not found:
            raise RuntimeError(finished.stderr.decode(errors="replace")[-2000:])
        return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=300, help="writes measured (default 300)")
    parser.add_argument("--mention", action="store_true", help="every comment mentions a colleague")
    parser.add_argument("--whoosh", action="store_true", help="search a Whoosh index (before step 30)")
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)  # inside valgrind: just write
    args = parser.parse_args(argv)
    if args.run is not None:
        write(args.run, drain=os.environ.get("PLEIN_COST_DRAIN", ""),
              mention=bool(os.environ.get("PLEIN_COST_MENTION")), whoosh=bool(os.environ.get("PLEIN_COST_WHOOSH")))
        return 0
    if shutil.which("valgrind") is None:
        parser.error("needs valgrind (apt-get install valgrind)")
    for drain, drains in DRAINS.items():
        with ThreadPoolExecutor(2) as pool:
            base, more = pool.map(
                lambda count: instructions(count, drain=drain, mention=args.mention, whoosh=args.whoosh),
                (0, args.writes))
        label = ("with a mention, " if args.mention else "") + drains
        print(f"{label}: {(more - base) / args.writes / 1e6:.2f} M instructions per write")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
