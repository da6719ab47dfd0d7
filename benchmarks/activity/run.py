"""The lists of comments on a large site: the home page's activity stream and a person's page.

Seeds ``--comments`` comments (default 100,000) on 200 pages by 500 people straight into SQLite, then reads, as
anonymous readers do and side by side: `/api/activity` (first and last page) and a person's page (`people/<id>/`),
once counting every comment a list holds for its number of pages (as the lists did before: `LISTED_AT_MOST`
beyond any count) and once as the service does now (pages back through the newest 1,000 comments). Prints p50 /
p95 milliseconds of each and their ratios. (The Atom feeds, which read the same lists, now count nothing.)

    .venv/bin/python -m benchmarks.activity.run                    # 100,000 comments, 100 reads each
    .venv/bin/python -m benchmarks.activity.run --comments 300000
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from flask import Flask
from sqlalchemy import insert

from benchmarks.service.conversation import seed_comments
from comments_service import create_app, db
from comments_service.models import Comment, Page, Person
from comments_service.pages import stream
from comments_service.rendering.render import render_comment

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
PAGES, PEOPLE = 200, 500
EVERY_COUNT = 10**12
"""`LISTED_AT_MOST` beyond any list: every comment counted, as before the lists stopped at 1,000."""


def seed(comments: int) -> None:
    """``comments`` comments, one a minute, spread over the pages and people; their HTML rendered once per text."""
    connection = db.session().connection()
    connection.execute(insert(Person), [{"id": f"p{i}", "name": f"Persoon {i}", "created": START}
                                        for i in range(PEOPLE)])
    connection.execute(insert(Page), [{"pk": n, "identity": f"sectie/pagina-{n}", "url": f"sectie/pagina-{n}/",
                                       "title": f"Pagina {n}", "created": START} for n in range(1, PAGES + 1)])
    texts = [(comment.text, render_comment(comment.text, resolve_mention=lambda handle: None).html)
             for comment in seed_comments()]
    for first in range(1, comments + 1, 10_000):
        rows = []
        for n in range(first, min(first + 10_000, comments + 1)):
            text, html = texts[n % len(texts)]
            rows.append({"id": n, "page_pk": 1 + n % PAGES, "author_id": f"p{n % PEOPLE}", "text": text, "html": html,
                         "state": "visible", "created": START + dt.timedelta(minutes=n)})
        connection.execute(insert(Comment), rows)
    db.session().commit()


def timed(app: Flask, path: str, reads: int) -> list[float]:
    """Milliseconds of ``reads`` anonymous GETs of ``path`` (each must answer 200)."""
    client = app.test_client()
    spent = []
    for _ in range(reads):
        began = time.perf_counter()
        answer = client.get(path)
        spent.append((time.perf_counter() - began) * 1000)
        assert answer.status_code == 200, (path, answer.status_code)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--reads", type=int, default=100)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        app = create_app({"PLEIN_DATABASE_URL": f"sqlite:///{folder / 'plein.sqlite3'}",
                          "PLEIN_SEARCH_DIR": str(folder / "search"), "PLEIN_SEARCH_INDEXER": "external",
                          "PLEIN_SECRET_KEY": "benchmark", "PLEIN_SITE_URL": "http://intranet.bench.test/"})
        with app.app_context():
            seed(arguments.comments)
        paths = {"activity, first page": "/api/activity", "activity, page 50": "/api/activity?page=50",
                 "a person's page (200 comments)": "/people/p7/"}
        print(f"{arguments.comments:,} comments on {PAGES} pages by {PEOPLE} people, SQLite, {arguments.reads} reads each")
        print("| read | counting every comment: p50 / p95 | now: p50 / p95 | now faster (p50) |")
        print("|---|---|---|---|")
        for label, path in paths.items():
            results = []
            for listed_at_most in (EVERY_COUNT, stream.LISTED_AT_MOST):
                default, stream.LISTED_AT_MOST = stream.LISTED_AT_MOST, listed_at_most
                try:
                    spent = timed(app, path, arguments.reads)
                finally:
                    stream.LISTED_AT_MOST = default
                results.append((statistics.median(spent), statistics.quantiles(spent, n=20)[18]))
            (before_p50, before_p95), (now_p50, now_p95) = results
            print(f"| {label} | {before_p50:.2f} / {before_p95:.2f} ms | {now_p50:.2f} / {now_p95:.2f} ms "
                  f"| {before_p50 / now_p50:.1f} × |")
        app.extensions["plein_search"].close()


if __name__ == "__main__":
    main()
