"""A long conversation read whole against read a page at a time (issue 15: 600 comments moved 2 GB in a load test).

Seeds one page with ``--comments`` comments (a third of them replies, texts of a few hundred characters with
Markdown and hashtags, as the service benchmark's), then reads its thread through the API as the widget does,
uncached (the worker's thread cache off) and anonymous, in two configurations of the same service side by side:
the whole conversation in one answer (``PLEIN_THREAD_PAGE_SIZE`` above the comment count, as before paging) and
the default page size (the newest 50 with what they answer). Prints bytes and p50 / p95 milliseconds of a page
load, and of reading every answer back to the start by cursor, with their ratios.

    .venv/bin/python -m benchmarks.threads.run                  # 600 comments, 200 reads each
    .venv/bin/python -m benchmarks.threads.run --comments 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from flask import Flask
from sqlalchemy import insert

from benchmarks.service.conversation import seed_comments
from comments_service import create_app, db
from comments_service.models import Comment, Page, Person
from comments_service.rendering.render import render_comment
from comments_service.search.views import REBUILD_THREAD

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
PAGE = "richtlijnen/lange-discussie"
REBUILD_WAIT_S = 60.0


def seed(comments: int) -> None:
    """One page, 60 people, ``comments`` comments: every third a reply to the one before, rendered as written."""
    connection = db.session().connection()
    connection.execute(insert(Person), [{"id": f"p{i}", "name": f"Persoon {i}", "created": START} for i in range(60)])
    connection.execute(insert(Page), [{"pk": 1, "identity": PAGE, "url": f"{PAGE}/", "title": "Lang", "created": START,
                                       "version": comments}])  # each comment's write counted a change, as the API's
    texts = seed_comments()
    rows = []
    for n in range(1, comments + 1):
        text = texts[n % len(texts)].text
        rows.append({"id": n, "page_pk": 1, "parent_id": n - 1 if n % 3 == 0 else None, "author_id": f"p{n % 60}",
                     "text": text, "html": render_comment(text, resolve_mention=lambda handle: None).html, "state": "visible",
                     "created": START + dt.timedelta(minutes=n)})
    connection.execute(insert(Comment), rows)
    db.session().commit()


def app_with(url: str, folder: Path, page_size: int) -> Flask:
    return create_app({"PLEIN_DATABASE_URL": url, "PLEIN_SEARCH_DIR": str(folder / "search"),
                       "PLEIN_SEARCH_INDEXER": "external", "PLEIN_SECRET_KEY": "benchmark",
                       "PLEIN_THREAD_CACHE_MB": 0, "PLEIN_THREAD_PAGE_SIZE": page_size, "PLEIN_AUTO_MIGRATE": True})


def reads(app: Flask, times: int) -> tuple[list[float], int, int, int]:
    """Milliseconds of ``times`` first answers; bytes of the first answer, of all answers, and how many there are."""
    client = app.test_client()
    url = f"/api/pages/{PAGE}/thread"
    spent = []
    for _ in range(times):
        began = time.perf_counter()
        first = client.get(url)
        spent.append((time.perf_counter() - began) * 1000)
        assert first.status_code == 200, first.json
    answers, total, older = 1, len(first.data), json.loads(first.data)["older"]
    while older is not None:
        answer = client.get(url, query_string={"before": older["before"]})
        answers, total, older = answers + 1, total + len(answer.data), json.loads(answer.data)["older"]
    return spent, len(first.data), total, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=600)
    parser.add_argument("--reads", type=int, default=200)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        url = f"sqlite:///{folder / 'plein.sqlite3'}"
        with app_with(url, folder / "seed", 50).app_context():
            seed(arguments.comments)
        results = {}
        for label, size in (("whole conversation in one answer", arguments.comments + 1), ("paged (50)", 50)):
            app = app_with(url, folder / label.replace(" ", "-"), size)
            spent, first, total, answers = reads(app, arguments.reads)
            for thread in threading.enumerate():  # the search's first build writes to the folder until it ends
                if thread.name == REBUILD_THREAD:
                    thread.join(REBUILD_WAIT_S)
            app.extensions["plein_search"].close()
            results[label] = (statistics.median(spent), statistics.quantiles(spent, n=20)[18], first)
            print(f"{label}: a page load {first / 1024:,.1f} KB, p50 {results[label][0]:.2f} ms, "
                  f"p95 {results[label][1]:.2f} ms; all {answers} answer(s) {total / 1024:,.1f} KB")
        whole, paged = results.values()
        print(f"paging's advantage on a page load: {whole[2] / paged[2]:.1f} × fewer bytes, "
              f"{whole[0] / paged[0]:.1f} × faster (p50), {whole[1] / paged[1]:.1f} × (p95)")


if __name__ == "__main__":
    main()
