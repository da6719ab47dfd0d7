"""Search over 100,000 comments and 2,000 pages: `python -m benchmarks.search.run [--backend sqlite whoosh ...]`.

For each backend named (all three by default, so their figures come from the same run on the same machine):

1. builds the index from a deterministic corpus (`corpus.py`) with the backend's `rebuild`, timed;
2. times hashtag look-ups and full-text searches (one searcher or connection pool per process, as in a
   worker), p50/p95;
3. starts a second process that writes comments at a steady rate (Whoosh: through the spool; SQLite and
   PostgreSQL: straight into their tables, as drains do) and measures, in this process, how long a new comment
   takes from `index()` returning to its first appearance in search.

SQLite runs in a database file of its own, PostgreSQL in a schema of its own
(`plein_bench_search_<pages>p_<comments>c`) of `--database-url`, each migrated as the service's would be;
`--reuse` keeps them, like the Whoosh index, for the next run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import shutil
import time
from collections.abc import Callable
from multiprocessing.synchronize import Event
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

from benchmarks.search.corpus import Corpus
from comments_service import db
from comments_service.search import SearchDocument, SqliteBackend, WhooshBackend, comment_doc_id
from comments_service.search.backend import SearchBackend
from comments_service.search.postgres_backend import PostgresBackend
from comments_service.search.sqlite_backend import drain_lock_of

WORK = Path(__file__).resolve().parents[1] / ".work"
SEARCH_GOAL_MS = 20.0
FRESHNESS_GOAL_S = 2.0
BACKENDS = ("sqlite", "whoosh", "postgres")
DATABASE_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def timed_ms(run: Callable[[], object], count: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each call (CPU time shows the cost on a shared, busy machine)."""
    wall, cpu = [], []
    for _ in range(count):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def calibration_s() -> float:
    """Seconds for ten million additions in a Python loop: ~0.25 s on an idle core of this machine."""
    start = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return round(time.perf_counter() - start, 2)


def latencies(backend: SearchBackend, corpus: Corpus, queries: int) -> dict[str, dict[str, float]]:
    """p50/p95 of hashtag look-ups and full-text searches (one and two words), after a warm-up."""
    rng = random.Random(7)
    tags = corpus.query_tags(rng, queries)
    single = corpus.query_words(rng, queries)
    double = [" ".join(corpus.query_words(rng, 2)) for _ in range(queries)]
    rare = [rng.choice(corpus.words) for _ in range(queries)]
    suites = {
        "hashtag (popular tags more often)": lambda q: backend.hashtag(q),
        "full text, 1 word (common words more often)": lambda q: backend.search(q),
        "full text, 2 words": lambda q: backend.search(q),
        "full text, 1 word (uniform over vocabulary)": lambda q: backend.search(q),
        "full text + kind=comment filter": lambda q: backend.search(q, kind="comment"),
    }
    inputs = [tags, single, double, rare, single]
    report = {}
    for (name, run), words in zip(suites.items(), inputs, strict=True):
        for word in words[:20]:
            run(word)
        iterator = iter(words)
        wall, cpu = timed_ms(lambda: run(next(iterator)), len(words))  # noqa: B023 - consumed right here
        report[name] = {
            "p50_ms": round(percentile(wall, 0.5), 1),
            "p95_ms": round(percentile(wall, 0.95), 1),
            "cpu_p50_ms": round(percentile(cpu, 0.5), 1),
            "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
        }
    return report


def schema_url(database_url: str, pages: int, comments: int) -> str:
    """The benchmark's own schema of the database: its search table never meets a service's."""
    joiner = "&" if "?" in database_url else "?"
    return f"{database_url}{joiner}options=-csearch_path%3Dplein_bench_search_{pages}p_{comments}c"


def open_backend(kind: str, location: str) -> SearchBackend:
    """Whoosh in the folder `location`, or SQLite or PostgreSQL at the URL `location`."""
    if kind == "whoosh":
        return WhooshBackend(Path(location))
    if kind == "sqlite":
        engine = db.make_engine(location)
        return SqliteBackend(engine, drain_lock=drain_lock_of(str(engine.url.database)))
    return PostgresBackend(create_engine(location))


def prepare(kind: str, location: str, reuse: bool) -> None:
    """Start afresh unless `reuse`: no Whoosh folder; a SQLite file or PostgreSQL schema migrated as the
    service's, empty."""
    if kind == "whoosh":
        if not reuse:
            shutil.rmtree(location, ignore_errors=True)
        return
    if kind == "sqlite":
        database = Path(location.removeprefix("sqlite:///"))
        if not reuse:
            for stale in database.parent.glob(f"{database.name}*"):
                stale.unlink()
        sqlite = db.make_engine(location)
        db.upgrade(sqlite, WORK / "migrate.lock")
        sqlite.dispose()
        return
    engine: Engine = create_engine(location)
    try:
        with engine.begin() as connection:
            schema = connection.execute(text("SELECT current_setting('search_path')")).scalar_one()
            if not reuse:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        db.upgrade(engine, WORK / "migrate.lock")
    finally:
        engine.dispose()


def _write_load(kind: str, location: str, rate: float, stop: Event, corpus_seed: int) -> None:
    """Another worker: writes comments at `rate` per second (through the spool, draining when it can, or
    straight into PostgreSQL's table)."""
    backend = open_backend(kind, location)
    backend.start()
    rng = random.Random(corpus_seed)
    number = 10_000_000
    next_at = time.monotonic()
    while not stop.is_set():
        number += 1
        words = " ".join(rng.choice(("goede", "vergadering", "koffie", "planning", "klant")) for _ in range(30))
        backend.index([SearchDocument(comment_doc_id(number), "comment", "load/page", "Belasting",
                                      f"load/page/#comment-{number}", f"{words} #gedoe", "nl", ("gedoe",))])
        next_at += 1 / rate
        time.sleep(max(0.0, next_at - time.monotonic()))
    backend.close()


def freshness(backend: SearchBackend, kind: str, location: str, probes: int, rate: float) -> dict[str, float]:
    """Seconds from `index()` to first appearance in search, while another process writes `rate`/s."""
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    loader = context.Process(target=_write_load, args=(kind, location, rate, stop, 99))
    loader.start()
    time.sleep(3)  # let the writer process start up and put load on the spool
    delays = []
    try:
        for n in range(probes):
            token = f"proefreactie{n}q"
            backend.index([SearchDocument(comment_doc_id(f"probe{n}"), "comment", "probe", "Proef",
                                          f"probe/#comment-probe{n}", f"Nieuwe {token} over koffie", "nl")])
            start = time.monotonic()
            while backend.search(token).total == 0:
                if time.monotonic() - start > 30:
                    raise RuntimeError(f"{token} not searchable after 30 s")
                time.sleep(0.01)
            delays.append(time.monotonic() - start)
            time.sleep(0.2)
    finally:
        stop.set()
        loader.join(30)
    return {"p50_s": percentile(delays, 0.5), "p95_s": percentile(delays, 0.95), "max_s": max(delays),
            "write_rate_per_s": rate}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=300, help="queries per kind of search")
    parser.add_argument("--probes", type=int, default=30, help="comments timed from index() to search")
    parser.add_argument("--write-rate", type=float, default=100.0, help="comments/s the other process writes")
    parser.add_argument("--reuse", action="store_true", help="keep an index built by an earlier run")
    parser.add_argument("--backend", nargs="+", choices=BACKENDS, default=list(BACKENDS),
                        help="the backends to measure, one after the other (default: all three)")
    parser.add_argument("--database-url", default=DATABASE_URL, help="PostgreSQL for --backend postgres")
    args = parser.parse_args()

    WORK.mkdir(exist_ok=True)
    corpus = Corpus(pages=args.pages, comments=args.comments)
    results: dict[str, object] = {"pages": args.pages, "comments": args.comments, "calibration_s": calibration_s()}
    print(f"machine: 10M-addition loop in {results['calibration_s']} s (about 0.25 s when idle)")
    for kind in args.backend:
        location = {"whoosh": str(WORK / f"search-{args.pages}p-{args.comments}c"),
                    "sqlite": f"sqlite:///{WORK / f'search-{args.pages}p-{args.comments}c.sqlite3'}",
                    "postgres": schema_url(args.database_url, args.pages, args.comments)}[kind]
        print(f"--- {kind}")
        results[kind] = measure(kind, location, corpus, args)
    (WORK / "search-results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


def measure(kind: str, location: str, corpus: Corpus, args: argparse.Namespace) -> dict[str, object]:
    """Build (unless reused), time the look-ups and the freshness of one backend; its figures."""
    prepare(kind, location, args.reuse)
    backend = open_backend(kind, location)
    results: dict[str, object] = {}
    if backend.needs_rebuild:
        start, start_cpu = time.perf_counter(), time.process_time()
        count = backend.rebuild(corpus.documents())
        results["rebuild_s"] = round(time.perf_counter() - start, 1)
        results["rebuild_cpu_s"] = round(time.process_time() - start_cpu, 1)
        results["documents"] = count
        print(f"rebuild: {count} documents in {results['rebuild_s']} s (CPU {results['rebuild_cpu_s']} s)")
    searched = latencies(backend, corpus, args.queries)
    results["search"] = searched
    for name, numbers in searched.items():
        verdict = "ok" if numbers["p95_ms"] <= SEARCH_GOAL_MS else "over goal"
        print(f"{name:46s} p50 {numbers['p50_ms']:5.1f} ms  p95 {numbers['p95_ms']:5.1f} ms  ({verdict}); "
              f"CPU p50 {numbers['cpu_p50_ms']:5.1f} ms  p95 {numbers['cpu_p95_ms']:5.1f} ms")
    backend.start()
    results["freshness"] = freshness(backend, kind, location, args.probes, args.write_rate)
    fresh = results["freshness"]
    print(f"index() to searchable under {args.write_rate:.0f} writes/s from another process: "
          f"p50 {fresh['p50_s']:.2f} s  p95 {fresh['p95_s']:.2f} s  max {fresh['max_s']:.2f} s "  # type: ignore[index]
          f"({'ok' if fresh['max_s'] <= FRESHNESS_GOAL_S else 'over goal'})")  # type: ignore[index]
    backend.close()
    while backend.merge():  # leave the index merged, as a running service keeps it, for the next `--reuse`
        pass
    return results


if __name__ == "__main__":
    main()
