"""Writes against Isso's, measured in pairs: `python -m benchmarks.service.paired [--pairs 8] [--seconds 5]`.

On the VMs this runs on, the same server's write rate swings by a third between minutes (other tenants share the
host), while `run.py` compares each system's best round, measured minutes apart: a ratio there carries the swing
of both. Here both systems run at once, each in the service benchmark's production layout (gunicorn with 2 sync
workers on SQLite; Plein with its search indexer and its job worker mailing to a real SMTP server on 127.0.0.1), and
wrk loads one, then the other, then the first again, a few seconds each, so each pair of measures meets the machine
in nearly the same state. Each pair gives a ratio; the median of the pairs is the figure, with their range. The
loads: Isso's plain write against Plein's plain write and against Plein's write with a mention of a colleague (the
goals: 2 × and 2.7 ×). The idle system's background work (Plein's drains and job polls) is the few per cent of a
core it costs when nothing happens, for both alike. `--floor` adds a third system in the same layout, the least a
write can cost on Plein's stack (`floor_app.py`: Flask storing the text as one row), to show how much of Isso's
rate the stack alone leaves. `--no-search-indexer` runs Plein without its search indexer (comments stay queued):
what its writes would come to if keeping the index cost nothing. Takes about `--pairs` × 3 × (`--seconds` + 2)
seconds (4 × with `--floor`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from contextlib import ExitStack
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.service.conversation import seed_comments
from benchmarks.service.isso_side import IssoSide
from benchmarks.service.load import Scenario, run, wrk_path
from benchmarks.service.mentions import MailSink
from benchmarks.service.plein_side import PleinSide
from benchmarks.service.run import GOALS, WARM_UP_S, WORK, Measure, timed
from benchmarks.service.servers import Cluster, Server, gunicorn
from benchmarks.service.widget import REPO_ROOT

CONNECTIONS = 8


def ratios(measured: list[Measure], isso: list[Measure]) -> list[float]:
    """The measured system's rate over Isso's, pair by pair."""
    return [mine.load.per_second / theirs.load.per_second for mine, theirs in zip(measured, isso, strict=True)]


def summary(label: str, who: str, measured: list[Measure], isso: list[Measure], goal: float | None) -> str:
    """One line: the median ratio of the pairs, their range, and whether the median meets ``goal`` (if any)."""
    found = ratios(measured, isso)
    median = statistics.median(found)
    verdict = "" if goal is None else "met" if median >= goal else f"missed ({median / goal:.1%} of the goal)"
    rates = f"Isso {statistics.median(m.load.per_second for m in isso):,.0f}/s, " \
            f"{who} {statistics.median(m.load.per_second for m in measured):,.0f}/s (medians)"
    wanted = "" if goal is None else f"≥ {goal:g} ×"
    spread = f"{min(found):.2f}–{max(found):.2f} ×"
    return f"| {label} | {median:.2f} × | {spread} | {len(found)} | {rates} | {wanted} | {verdict} |"


def measure_pairs(
    isso: tuple[Server | Cluster, Scenario], others: dict[str, tuple[Server | Cluster, Scenario]], *,
    pairs: int, seconds: int,
) -> tuple[list[Measure], dict[str, list[Measure]]]:
    """Isso's write, then each of the other loads, `pairs` times over; every measure starts from idle servers."""
    isso_measures: list[Measure] = []
    measured: dict[str, list[Measure]] = {name: [] for name in others}
    for number in range(1, pairs + 1):
        print(f"pair {number}/{pairs}", file=sys.stderr, flush=True)
        isso_measures.append(timed(isso[0], isso[1], seconds=seconds, connections=CONNECTIONS))
        for name, (server, scenario) in others.items():
            measured[name].append(timed(server, scenario, seconds=seconds, connections=CONNECTIONS))
    return isso_measures, measured


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=8, help="pairs of measures (default 8)")
    parser.add_argument("--seconds", type=int, default=5, help="length of each measure (default 5)")
    parser.add_argument("--floor", action="store_true", help="also the stack's floor (floor_app.py)")
    parser.add_argument("--no-search-indexer", dest="search_indexer", action="store_false",
                        help="Plein without its search indexer: writes as if the index cost nothing")
    parser.add_argument("--whoosh", action="store_true", help="Plein searching a Whoosh index, as before step 30")
    args = parser.parse_args(argv)
    if not (3 <= args.pairs <= 50 and 2 <= args.seconds <= 60):
        parser.error("keep it bounded: 3-50 pairs of 2-60 s")
    wrk_path()
    with ExitStack() as stack:
        sink = stack.enter_context(MailSink())
        isso_side, plein_side = IssoSide(WORK), PleinSide(WORK, sink, search_indexer=args.search_indexer,
                                                         whoosh=args.whoosh)
        isso_side.install()
        isso_server = stack.enter_context(isso_side.serve())
        plein_server = stack.enter_context(plein_side.serve())
        isso_side.seed(isso_server.url, seed_comments())
        plein_side.seed(plein_server.url, seed_comments())
        isso_write = isso_side.write_scenario(isso_server.url)
        others = {"plain": (plein_server, plein_side.write_scenario(plein_server.url)),
                  "mention": (plein_server, plein_side.mention_write_scenario(plein_server.url))}
        if args.floor:
            floor_work = WORK / "floor"
            floor_work.mkdir(parents=True, exist_ok=True)
            (floor_work / "floor.sqlite3").unlink(missing_ok=True)
            floor = stack.enter_context(gunicorn(
                Path(sys.executable).parent / "gunicorn", "benchmarks.service.floor_app:create_app()",
                env={"FLOOR_DATABASE": str(floor_work / "floor.sqlite3")}, cwd=REPO_ROOT, logs=floor_work))
            others["floor"] = (floor, plein_side.write_scenario(floor.url))  # the same request; it reads the text
        for scenario in (isso_write, *(scenario for _, scenario in others.values())):
            run(scenario, seconds=WARM_UP_S, connections=CONNECTIONS)
        isso, measured = measure_pairs((isso_server, isso_write), others, pairs=args.pairs, seconds=args.seconds)
    print("| write against Isso's | median of the pairs | range | pairs | rates | goal | |")
    print("|---|---|---|---|---|---|---|")
    print(summary("Plein: write a comment", "Plein", measured["plain"], isso, GOALS["writes"]))
    print(summary("Plein: write a comment mentioning a colleague (Isso: plain)", "Plein", measured["mention"], isso,
                  GOALS["mention_writes"]))
    if "floor" in measured:
        print(summary("the stack's floor: Flask storing the text as one row", "the floor", measured["floor"], isso,
                      None))
    print()
    names = {"plain": "Plein", "mention": "Plein with a mention", "floor": "the floor"}
    for number in range(args.pairs):
        row = [("Isso", isso[number])] + [(names[load], measured[load][number]) for load in measured]
        print(f"pair {number + 1}: " + "; ".join(
            f"{name} {m.load.per_second:,.0f}/s, {m.cpu_ms_per_request:.2f} ms ({m.parts_per_request()}), "
            f"{m.load.failed} failed, idle {m.machine_idle:.0%}" for name, m in row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
