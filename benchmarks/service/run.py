"""Plein's comments service against Isso 0.14, side by side: `python benchmarks/service/run.py`.

Each system runs under gunicorn (2 sync workers, SQLite, 127.0.0.1) on a fresh database seeded with the same
50-comment conversation; wrk, a second process, then measures (a) reading that conversation in one request and
(b) writing comments. (c) compares the gzipped client each reader downloads. Every round restarts both systems;
the best round of each counts, which keeps the ratio honest on a machine shared with other work.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.service.conversation import COMMENTS, seed_comments
from benchmarks.service.isso_side import IssoSide
from benchmarks.service.load import Result, Scenario, run, wrk_path
from benchmarks.service.plein_side import PleinSide
from benchmarks.service.widget import REPO_ROOT, gzipped_bytes

WORK = REPO_ROOT / "benchmarks" / ".work"
WARM_UP_S = 2
GOALS = {"read": 25.0, "write": 2.0}  # Plein at least this many times Isso
WIDGET_GOAL_BYTES = 10_000


@dataclass
class SideResults:
    """The best read and write results of one system over the rounds."""

    read: Result | None = None
    write: Result | None = None
    widget_gz_bytes: int = 0


def best(current: Result | None, new: Result) -> Result:
    """The faster of two rounds (a round with failed requests never wins over a clean one)."""
    if current is None:
        return new
    return max(current, new, key=lambda result: (result.failed == 0, result.per_second))


def measure(side: IssoSide | PleinSide, results: SideResults, *, seconds: int, connections: int) -> None:
    """One round for one system: fresh server, seed, warm up, read, write."""
    with side.serve() as url:
        side.seed(url, seed_comments())
        read: Scenario = side.read_scenario(url)
        run(read, seconds=WARM_UP_S, connections=connections)
        results.read = best(results.read, run(read, seconds=seconds, connections=connections))
        results.write = best(results.write, run(side.write_scenario(url), seconds=seconds, connections=connections))


def ratio_line(label: str, unit: str, isso: float, plein: float, goal: str, met: bool) -> str:
    ratio = plein / isso if isso else float("inf")
    return f"| {label} | {isso:,.1f} {unit} | {plein:,.1f} {unit} | {ratio:.2f} × | {goal} | {'met' if met else 'MISSED'} |"


def report(isso: SideResults, plein: SideResults, args: argparse.Namespace) -> str:
    """A Markdown table, ready for docs/performance.md, and the details under it."""
    assert isso.read and isso.write and plein.read and plein.write
    read_ratio = plein.read.per_second / isso.read.per_second
    write_ratio = plein.write.per_second / isso.write.per_second
    lines = [
        f"2 gunicorn sync workers each, SQLite; wrk: 1 thread, {args.connections} connections, "
        f"{args.seconds} s per measure, best of {args.rounds} rounds; load average at start "
        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs",
        "",
        "| measure | Isso 0.14 | Plein | Plein / Isso | goal | |",
        "|---|---|---|---|---|---|",
        ratio_line(f"read a {COMMENTS}-comment conversation", "req/s", isso.read.per_second,
                   plein.read.per_second, "≥ 25 × Isso", read_ratio >= GOALS["read"]),
        ratio_line("write a comment", "/s", isso.write.per_second, plein.write.per_second, "≥ 2 × Isso",
                   write_ratio >= GOALS["write"]),
        ratio_line("widget JS + CSS, gzipped", "KB", isso.widget_gz_bytes / 1000, plein.widget_gz_bytes / 1000,
                   "≤ 10 KB", plein.widget_gz_bytes <= WIDGET_GOAL_BYTES),
        "",
    ]
    for name, side in (("Isso", isso), ("Plein", plein)):
        for kind, result in (("read", side.read), ("write", side.write)):
            lines.append(
                f"{name} {kind}: {result.requests} requests in {result.seconds:.1f} s, {result.failed} failed, "
                f"latency p50 {result.latency_p50_ms:.1f} ms, p99 {result.latency_p99_ms:.1f} ms"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each measure (default 10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk's keep-alive connections (default 8)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per system; the best counts (default 2)")
    args = parser.parse_args(argv)
    if not (1 <= args.seconds <= 120 and 1 <= args.connections <= 256 and 1 <= args.rounds <= 5):
        parser.error("keep it bounded: 1-120 s, 1-256 connections, 1-5 rounds")
    wrk_path()
    isso, plein = IssoSide(WORK), PleinSide(WORK)
    results = {isso.name: SideResults(), plein.name: SideResults()}
    for side in (isso, plein):
        side.install()
        results[side.name].widget_gz_bytes = gzipped_bytes(side.widget_files())
    for round_number in range(1, args.rounds + 1):
        for side in (isso, plein):
            print(f"round {round_number}/{args.rounds}: {side.name} ...", file=sys.stderr, flush=True)
            measure(side, results[side.name], seconds=args.seconds, connections=args.connections)
    text = report(results[isso.name], results[plein.name], args)
    print(text)
    (WORK / "service-results.json").write_text(
        json.dumps({name: asdict(result) for name, result in results.items()}, indent=2), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
