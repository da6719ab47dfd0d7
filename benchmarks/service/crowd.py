"""Hundreds of clients at once: `python -m benchmarks.service.crowd [--connections 400] [--seconds 10]`.

The design card's reliability goal: under load from hundreds of concurrent clients on loopback, no request
answers 5xx. The service benchmark (`run.py`) measures with 8 connections, what two workers can keep busy; here
wrk opens `--connections` at once (400 by default, two wrk threads) against each system in the same production
layout as there (gunicorn with 2 sync workers on SQLite; Plein with its search indexer and its job worker mailing
to a real SMTP server on 127.0.0.1), and reads, writes, and (Plein) writes with a mention of a colleague. Every
answer that is not 2xx or 3xx, every connection that failed or timed out (wrk waits 10 s) counts as failed, and
every traceback the servers logged meanwhile is counted too. The goal: Plein fails nothing and logs nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.service.conversation import seed_comments
from benchmarks.service.isso_side import IssoSide
from benchmarks.service.load import Result, Scenario, run, wrk_path
from benchmarks.service.mentions import MailSink
from benchmarks.service.plein_side import PleinSide
from benchmarks.service.run import WORK

WRK_THREADS = 2


def tracebacks(folder: Path) -> int:
    """Tracebacks in the logs below ``folder`` (gunicorn's, the indexer's, the job worker's, Isso's)."""
    logs = [*folder.glob("*.log"), *folder.glob("*/*.log")]  # not deeper: Isso's virtualenv lies below its folder
    return sum(log.read_text(errors="replace").count("Traceback") for log in logs)


@contextmanager
def serving(side: IssoSide | PleinSide) -> Iterator[list[tuple[str, Scenario]]]:
    """The side's server, seeded, and the loads to send it."""
    with side.serve() as server:
        side.seed(server.url, seed_comments())
        loads = [("read a 50-comment conversation", side.read_scenario(server.url)),
                 ("write a comment", side.write_scenario(server.url))]
        if isinstance(side, PleinSide):
            loads.append(("write a comment mentioning a colleague", side.mention_write_scenario(server.url)))
        yield loads


def row(system: str, load: str, result: Result) -> str:
    """A line of the Markdown table."""
    return (f"| {system} | {load} | {result.requests:,} | {result.per_second:,.1f}/s | {result.failed:,} "
            f"| {result.latency_p50_ms:,.0f} ms | {result.latency_p99_ms:,.0f} ms |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=400, help="connections open at once (default 400)")
    parser.add_argument("--seconds", type=int, default=10, help="length of each load (default 10)")
    args = parser.parse_args(argv)
    if not (WRK_THREADS <= args.connections <= 2000 and 1 <= args.seconds <= 120):
        parser.error("keep it bounded: 2-2000 connections, 1-120 s")
    wrk_path()
    rows = ["| system | load | answers | per second | failed | p50 | p99 |", "|---|---|---|---|---|---|---|"]
    logged: dict[str, int] = {}
    with ExitStack() as stack:
        sink = stack.enter_context(MailSink())
        for side in (IssoSide(WORK), PleinSide(WORK, sink)):
            side.install()
            print(f"{side.name}: {args.connections} connections ...", file=sys.stderr, flush=True)
            with serving(side) as loads:
                before = tracebacks(side.work)
                for load, scenario in loads:
                    result = run(scenario, seconds=args.seconds, connections=args.connections, threads=WRK_THREADS)
                    rows.append(row(side.name, load, result))
                logged[side.name] = tracebacks(side.work) - before
    print("\n".join(rows))
    print("\n" + "; ".join(f"{name}: {count} tracebacks logged" for name, count in logged.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
