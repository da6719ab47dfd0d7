"""Plein's comments service against Isso 0.14, side by side: `python benchmarks/service/run.py`.

Each system runs under gunicorn (2 sync workers, SQLite, 127.0.0.1) on a fresh database seeded with the same
50-comment conversation; wrk, a second process, then measures (a) reading that conversation in one request and
(b) writing comments: answers per second as wrk sees them, and the server's CPU time per answer (from /proc,
over wrk's answers), which other work on a shared machine barely distorts. (c) compares the gzipped client
each reader downloads. Every round restarts both systems; each system's best round counts. For Plein, whose
writes also feed its search index, a last measure repeats the write load while a probe checks how soon a new
comment is findable (goal ≤ 2 s); it is not part of the write figures. Plein's reads are measured once more while
a page that 10,000 people follow gets a comment every two seconds (each notifying them all; goal: reads still
≥ 25 × Isso's, all notifications within 60 s). Then Plein writes comments that each
mention a colleague (each a notification with mail due), measured like the plain writes against Isso's plain
writes, and the write load runs once more while a probe checks how soon a mention reaches its person: counted
by their bell (goal ≤ 2 s) and mailed to a real SMTP server on 127.0.0.1 (goal ≤ 60 s). Plein runs as
docs/service.md lays it out for production: its search index is written by `flask search-indexer`, its mail by
`flask jobs`, processes whose CPU time counts in Plein's.

`--backend sqlite postgres` and `--hosts 1 2` measure Plein in each of those layouts in the same run (several hosts
only on PostgreSQL, sharing Redis): each against Isso, then side by side. With several hosts wrk's connections
are split between them, as a load balancer would, and the freshness probe writes through the first host and
searches through the last. On one machine the hosts share its cores, so the CPU time per request is the figure
that carries over to hosts of their own; the throughput shows only what the shared machine allows.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.service.conversation import COMMENTS, seed_comments
from benchmarks.service.freshness import Freshness, probing
from benchmarks.service.isso_side import IssoSide
from benchmarks.service.fanout import FanOut, fanning_out
from benchmarks.service.load import Result, Scenario, run, run_spread, wrk_path
from benchmarks.service.mentions import MailSink, MentionDelays, probing_mentions
from benchmarks.service.plein_side import DATABASE_URL, REDIS_URL, PleinSide
from benchmarks.service.servers import Cluster, Server
from benchmarks.service.widget import REPO_ROOT, gzipped_bytes

WORK = REPO_ROOT / "benchmarks" / ".work"
WARM_UP_S = 2
GOALS = {"reads": 25.0, "fanout_reads": 25.0, "writes": 2.0, "mention_writes": 2.7}  # Plein at least this many times Isso
FRESHNESS_GOAL_S = 2.0
WIDGET_GOAL_BYTES = 10_000


@dataclass(frozen=True)
class Measure:
    """One measure of one system: what wrk saw, what the server spent (in-flight requests included), and how
    much of the machine's CPU time stood idle meanwhile (a server that waits rather than works shows there)."""

    load: Result
    cpu_seconds: float
    machine_idle: float
    cpu_parts: dict[str, float] = field(default_factory=dict)  # gunicorn and each companion process

    @property
    def cpu_ms_per_request(self) -> float:
        return self.cpu_seconds * 1000 / max(self.load.requests, 1)

    def parts_per_request(self) -> str:
        """Where the CPU per answer went, by process: ``gunicorn 1.88 ms, search indexer 0.23 ms, ...``."""
        return ", ".join(f"{name} {seconds * 1000 / max(self.load.requests, 1):.2f} ms"
                         for name, seconds in self.cpu_parts.items())


@dataclass
class SideResults:
    """Every round's measures of one system, and the size of its client."""

    reads: list[Measure] = field(default_factory=list)
    writes: list[Measure] = field(default_factory=list)
    freshness: list[Freshness] = field(default_factory=list)
    fanout_reads: list[Measure] = field(default_factory=list)  # Plein only, against Isso's reads
    fanouts: list[FanOut] = field(default_factory=list)
    mention_writes: list[Measure] = field(default_factory=list)  # Plein only, against Isso's plain writes
    mentions: list[MentionDelays] = field(default_factory=list)
    widget_gz_bytes: int = 0


def fastest(measures: list[Measure]) -> Measure:
    """The round with most answers per second (a round with failures never beats a clean one)."""
    return max(measures, key=lambda measure: (measure.load.failed == 0, measure.load.per_second))


def cheapest(measures: list[Measure]) -> Measure:
    """The round with the least server CPU per answer."""
    return min(measures, key=lambda measure: measure.cpu_ms_per_request)


def machine_cpu_times() -> tuple[int, int]:
    """(idle, total) clock ticks of the whole machine so far, from /proc/stat; idle includes I/O wait."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return ticks[3] + ticks[4], sum(ticks)


def timed(server: Server | Cluster, scenario: Scenario, *, seconds: int, connections: int) -> Measure:
    """Run wrk against an idle server (every host of it) and count its CPU until it is idle again, over the answers
    wrk counted (the few in flight when wrk stops cost CPU but count no answer: a cost per answer a shade high)."""
    server.settle()
    parts = server.cpu_by_part()
    idle, total = machine_cpu_times()
    load = run_spread(scenario, server.urls, seconds=seconds, connections=connections)
    idle_after, total_after = machine_cpu_times()
    server.settle()
    spent = {name: seconds - parts.get(name, 0.0) for name, seconds in server.cpu_by_part().items()}
    share = (idle_after - idle) / max(total_after - total, 1)
    return Measure(load, sum(spent.values()), share, spent)


def measure(side: IssoSide | PleinSide, results: SideResults, *, seconds: int, connections: int) -> None:
    """One round for one system: fresh server, seed, warm up, read, write."""
    with side.serve() as server:
        side.seed(server.url, seed_comments())
        read = side.read_scenario(server.url)
        run(read, seconds=WARM_UP_S, connections=connections)
        results.reads.append(timed(server, read, seconds=seconds, connections=connections))
        if isinstance(side, PleinSide):
            with fanning_out(server.url, side.followed_path, side.headers, side.database_url) as fanout:
                results.fanout_reads.append(timed(server, read, seconds=seconds, connections=connections))
            results.fanouts.append(fanout)
        write = side.write_scenario(server.url)
        results.writes.append(timed(server, write, seconds=seconds, connections=connections))
        if isinstance(side, PleinSide):
            with probing(server.url, write.path, side.headers, search_url=server.urls[-1]) as freshness:
                run_spread(write, server.urls, seconds=seconds, connections=connections)
            results.freshness.append(freshness)
            mention = side.mention_write_scenario(server.url)
            results.mention_writes.append(timed(server, mention, seconds=seconds, connections=connections))
            with probing_mentions(server.url, write.path, side.headers, side.sink) as delays:
                run_spread(write, server.urls, seconds=seconds, connections=connections)
            results.mentions.append(delays)


def row(label: str, isso: str, plein: str, advantage: float, goal: float) -> str:
    """A table row; the ratio is rounded down, so a miss never reads as the goal itself."""
    verdict = "met" if advantage >= goal else f"MISSED ({advantage / goal:.1%} of the goal)"
    return f"| {label} | {isso} | {plein} | {math.floor(advantage * 100) / 100:.2f} × | ≥ {goal:g} × | {verdict} |"


def report(isso: SideResults, plein: SideResults, args: argparse.Namespace, side: PleinSide) -> str:
    """A Markdown table, ready for docs/performance.md, and the details under it."""
    layout = "SQLite" if side.backend == "sqlite" else "PostgreSQL on this machine, its CPU counted in Plein's (Isso: SQLite)"
    if side.hosts > 1:
        layout += f", Plein on {side.hosts} hosts sharing this machine and Redis"
    lines = [
        f"### {side.name} against Isso",
        "",
        f"2 gunicorn sync workers each (and Plein's search indexer, its CPU counted), {layout}; "
        f"wrk: 1 thread, {args.connections} connections, "
        f"{args.seconds} s per measure; best of {args.rounds} rounds; load average {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} CPUs at the end",
        "",
        f"| measure | Isso 0.14 | {side.name} | Plein's advantage | goal | |",
        "|---|---|---|---|---|---|",
    ]
    for kind, isso_kind, label, unit in (
        ("reads", "reads", f"read a {COMMENTS}-comment conversation", "req/s"),
        ("fanout_reads", "reads", "the same, while comments notify 10,000 followers (Isso: plain)", "req/s"),
        ("writes", "writes", "write a comment", "comments/s"),
        ("mention_writes", "writes", "write a comment mentioning a colleague (Isso: plain)", "comments/s"),
    ):
        if not getattr(plein, kind):
            continue
        goal = GOALS[kind]
        isso_fast, plein_fast = fastest(getattr(isso, isso_kind)), fastest(getattr(plein, kind))
        isso_cheap, plein_cheap = cheapest(getattr(isso, isso_kind)), cheapest(getattr(plein, kind))
        lines.append(row(f"{label}: throughput", f"{isso_fast.load.per_second:,.1f} {unit}",
                         f"{plein_fast.load.per_second:,.1f} {unit}",
                         plein_fast.load.per_second / isso_fast.load.per_second, goal))
        lines.append(row(f"{label}: server CPU per request", f"{isso_cheap.cpu_ms_per_request:.2f} ms",
                         f"{plein_cheap.cpu_ms_per_request:.2f} ms",
                         isso_cheap.cpu_ms_per_request / plein_cheap.cpu_ms_per_request, goal))
    widget_verdict = "met" if plein.widget_gz_bytes <= WIDGET_GOAL_BYTES else "MISSED"
    lines += [
        f"| the whole widget (JS + CSS with bell and @ autocomplete), as served, gzipped "
        f"| {isso.widget_gz_bytes / 1000:.1f} KB | {plein.widget_gz_bytes / 1000:.1f} KB "
        f"| {isso.widget_gz_bytes / plein.widget_gz_bytes:.2f} × smaller | ≤ 10 KB | {widget_verdict} |",
        "",
    ]
    found = sorted(delay for freshness in plein.freshness for delay in freshness.found)
    probes = sum(len(freshness.delays) for freshness in plein.freshness)
    if found:
        verdict = "met" if len(found) == probes and found[-1] <= FRESHNESS_GOAL_S else "MISSED"
        lines += [f"Plein, a new comment findable in search under the write load: median {found[len(found) // 2]:.2f} s, "
                  f"max {found[-1]:.2f} s over {probes} probes ({len(found)} found; goal ≤ {FRESHNESS_GOAL_S:g} s: {verdict})", ""]
    for number, fanout in enumerate(plein.fanouts, start=1):
        lines.append(f"Plein, fan-out under the read load, round {number}: {fanout.summary()}")
    for number, delays in enumerate(plein.mentions, start=1):
        lines.append(f"Plein, a mention under the write load, round {number}: {delays.summary()}")
    for name, measured in (("Isso", isso), (side.name, plein)):
        for kind in ("reads", "fanout_reads", "writes", "mention_writes"):
            for number, m in enumerate(getattr(measured, kind), start=1):
                lines.append(
                    f"{name} {kind} round {number}: {m.load.requests} answers in {m.load.seconds:.1f} s "
                    f"({m.load.failed} failed), p50 {m.load.latency_p50_ms:.1f} ms, "
                    f"p99 {m.load.latency_p99_ms:.1f} ms; "
                    f"server: {m.cpu_seconds:.2f} CPU s ({m.parts_per_request()} per answer); "
                    f"machine idle {m.machine_idle:.0%}"
                )
    for number, freshness in enumerate(plein.freshness, start=1):
        lines.append(f"{side.name} freshness round {number}: {freshness.summary()}")
    return "\n".join(lines)


def side_by_side(sides: list[PleinSide], results: dict[str, SideResults]) -> str:
    """Plein's layouts next to each other: each one's best throughput and least CPU per request."""
    lines = ["### Plein's layouts side by side", "",
             "| layout | reads/s | CPU per read | writes/s | CPU per write |", "|---|---|---|---|---|"]
    for side in sides:
        measured = results[side.name]
        cells = []
        for kind in ("reads", "writes"):
            runs = getattr(measured, kind)
            cells += ([f"{fastest(runs).load.per_second:,.1f}", f"{cheapest(runs).cpu_ms_per_request:.2f} ms"]
                      if runs else ["-", "-"])
        lines.append(f"| {side.name} | {' | '.join(cells)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each measure (default 10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk's keep-alive connections (default 8)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per system; the best counts (default 2)")
    parser.add_argument("--backend", nargs="+", choices=("sqlite", "postgres"), default=["sqlite"],
                        help="Plein's databases to measure (default sqlite; postgres uses a schema of --database-url)")
    parser.add_argument("--hosts", nargs="+", type=int, default=[1],
                        help="numbers of Plein hosts to measure, e.g. 1 2 (several only on PostgreSQL; default 1)")
    parser.add_argument("--database-url", default=DATABASE_URL, help=f"PostgreSQL (default {DATABASE_URL})")
    parser.add_argument("--redis-url", default=REDIS_URL, help=f"Redis for several hosts, emptied (default {REDIS_URL})")
    args = parser.parse_args(argv)
    if not (1 <= args.seconds <= 120 and 1 <= args.connections <= 256 and 1 <= args.rounds <= 5):
        parser.error("keep it bounded: 1-120 s, 1-256 connections, 1-5 rounds")
    if not all(1 <= hosts <= 4 for hosts in args.hosts):
        parser.error("keep it bounded: 1-4 hosts")
    layouts = [(backend, hosts) for backend in args.backend for hosts in args.hosts
               if backend == "postgres" or hosts == 1]
    if not layouts:
        parser.error("several hosts need --backend postgres")
    wrk_path()
    with MailSink() as sink:
        isso = IssoSide(WORK)
        pleins = [PleinSide(WORK, sink, backend, hosts, args.database_url, args.redis_url) for backend, hosts in layouts]
        sides: list[IssoSide | PleinSide] = [isso, *pleins]
        results = {side.name: SideResults() for side in sides}
        for side in sides:
            side.install()
            results[side.name].widget_gz_bytes = gzipped_bytes(side.widget_files())
        for round_number in range(1, args.rounds + 1):
            for side in sides:
                print(f"round {round_number}/{args.rounds}: {side.name} ...", file=sys.stderr, flush=True)
                measure(side, results[side.name], seconds=args.seconds, connections=args.connections)
    text = "\n\n".join([*(report(results[isso.name], results[plein.name], args, plein) for plein in pleins),
                         *([side_by_side(pleins, results)] if len(pleins) > 1 else [])])
    print(text)
    (WORK / "service-results.json").write_text(
        json.dumps({name: asdict(result) for name, result in results.items()}, indent=2), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
