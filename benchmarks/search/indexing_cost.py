"""What indexing one comment costs: `python -m benchmarks.search.indexing_cost [--comments 6000]`.

The service benchmark's writes pay for the search index beside the request: with Whoosh the indexer process spent
0.2–0.6 ms of CPU on each comment (docs/performance.md, step 28), about a seventh of a write with a mention. This
measures that part alone, in this process, for the comments of the benchmark's write load, with each backend of a
SQLite install:

- Whoosh: `WhooshBackend`'s drains in batches of `--batch` (a drain a second takes some 600 comments under the
  benchmark's load; 100 is a quieter hour), then its merges until none is due;
- SQLite (FTS5, the default since step 30): `SqliteBackend` writing each batch as its drain does (Plein's analysis
  of the words included), in a database migrated as the service's.

CPU time of this process (`time.process_time`), per comment; the ratio is the figure to compare.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.service.conversation import MENTION_TEXT
from comments_service import db
from comments_service.search import SearchDocument, SqliteBackend, WhooshBackend

WRITTEN = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def comments(count: int) -> list[SearchDocument]:
    """The service benchmark's comments with a mention, numbered as its load numbers them."""
    return [
        SearchDocument(doc_id=f"comment:{number}", kind="comment", page_id="bench", title="Benchmark",
                       url="bench/", text=MENTION_TEXT.replace("{n}", str(number)), language="nl",
                       hashtags=("hashtag",), author="Bench", created=WRITTEN)
        for number in range(count)
    ]


def whoosh_ms(docs: Sequence[SearchDocument], batch: int, folder: Path) -> tuple[float, float]:
    """CPU ms per comment of Plein's drains, and of the merges they leave due."""
    backend = WhooshBackend(folder, drain_interval=3600, merge_interval=3600, fsync=False)
    try:
        backend.rebuild([])
        started = time.process_time()
        for first in range(0, len(docs), batch):
            backend.index(docs[first:first + batch])
            backend.drain()
        drained = time.process_time()
        while backend.merge():
            pass
        merged = time.process_time()
    finally:
        backend.close()
    return (drained - started) * 1e3 / len(docs), (merged - drained) * 1e3 / len(docs)


def sqlite_ms(docs: Sequence[SearchDocument], batch: int, folder: Path) -> float:
    """CPU ms per comment of Plein's SQLite backend (FTS5): each batch written as a drain writes it."""
    engine = db.make_engine(f"sqlite:///{folder / 'plein.sqlite3'}")
    try:
        db.upgrade(engine, folder / "migrate.lock")
        backend = SqliteBackend(engine, drain_lock=folder / "drain.lock")
        backend.rebuild([])
        started = time.process_time()
        for first in range(0, len(docs), batch):
            backend.index(docs[first:first + batch])
        return (time.process_time() - started) * 1e3 / len(docs)
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=6000, help="comments indexed (default 6000)")
    parser.add_argument("--batch", type=int, nargs="+", default=[100, 600], help="comments a drain (default 100 600)")
    args = parser.parse_args(argv)
    docs = comments(args.comments)
    for batch in args.batch:
        with tempfile.TemporaryDirectory() as whoosh_dir, tempfile.TemporaryDirectory() as sqlite_dir:
            drains, merges = whoosh_ms(docs, batch, Path(whoosh_dir))
            fts5 = sqlite_ms(docs, batch, Path(sqlite_dir))
        print(f"{batch} a drain: Whoosh {drains:.3f} ms a comment + merges {merges:.3f} ms, "
              f"SQLite (FTS5) {fts5:.3f} ms: {(drains + merges) / fts5:.1f} x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
