"""Computing the question figures for a year of comments: goal <= 200 ms (issue 13).

Seeds a fresh database (SQLite in a temporary folder, or ``--database-url`` for PostgreSQL: use an empty
database or schema) with ``--comments`` comments spread over a year on 200 pages in 10 sections: a fifth are
questions, most answered (some only by their asker), a third of those with a best answer, and a hashtag on
every tenth. Then times ``questions.figures.compute`` for the whole year, a section, a hashtag and a page,
``--repeat`` times each, and prints the median and the slowest in milliseconds.

    .venv/bin/python -m benchmarks.questions.run                      # the measurement (100,000 comments)
    .venv/bin/python -m benchmarks.questions.run --comments 5000 --repeat 3   # a quick check that it works
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from comments_service import create_app, db
from comments_service.identity import settings
from comments_service.models import Comment, HashtagUse, Page, Person
from comments_service.questions import figures
from comments_service.questions.models import Question

YEAR_START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
YEAR = dt.timedelta(days=365)
PAGES, SECTIONS, PEOPLE = 200, 10, 500
QUESTION_SHARE = 0.2


def seed(comments: int, rng: random.Random) -> None:
    """People, pages and a year of comments, questions and answers, written with Core in bulk."""
    session = db.session()
    connection = session.connection()
    connection.execute(insert(Person), [{"id": f"p{i}", "name": f"Person {i}", "created": YEAR_START}
                                        for i in range(PEOPLE)])
    connection.execute(insert(Page), [
        {"pk": i + 1, "identity": f"s{i % SECTIONS}/page-{i}", "url": f"s{i % SECTIONS}/page-{i}/",
         "title": f"Page {i}", "created": YEAR_START} for i in range(PAGES)])
    rows: list[dict[str, object]] = []
    questions: list[dict[str, object]] = []
    tags: list[dict[str, object]] = []
    by_id: dict[int, dict[str, object]] = {}
    asked: dict[int, tuple[int, str, dt.datetime]] = {}  # recent questions, which replies go to
    for comment_id in range(1, comments + 1):
        created = YEAR_START + YEAR * (comment_id / comments)
        author = f"p{rng.randrange(PEOPLE)}"
        open_questions = list(asked)
        if open_questions and rng.random() < 0.6:  # a reply to a recent question
            parent = open_questions[-rng.randrange(1, min(50, len(open_questions)) + 1)]
            page_pk, asker, question_time = asked[parent]
            after = round((created - question_time).total_seconds())
            if rng.random() < 0.15:
                author = asker  # a self-reply: no answer
            rows.append({"id": comment_id, "page_pk": page_pk, "parent_id": parent, "author_id": author, "text": "a",
                         "html": "<p>a</p>", "state": "visible", "created": created})
            record = by_id[parent]
            if author != asker and record["first_answer_id"] is None:
                record.update(first_answer_id=comment_id, first_answer_after=after)
            if author != asker and record["best_answer_id"] is None and rng.random() < 0.35:
                record.update(best_answer_id=comment_id, best_answer_after=after)
            if len(asked) > 200:
                asked.pop(next(iter(asked)))
            continue
        page_pk = rng.randrange(1, PAGES + 1)
        rows.append({"id": comment_id, "page_pk": page_pk, "parent_id": None, "author_id": author, "text": "q",
                     "html": "<p>q</p>", "state": "visible", "created": created})
        if rng.random() < QUESTION_SHARE / 0.4:
            asked[comment_id] = (page_pk, author, created)
            record = {"comment_id": comment_id, "page_pk": page_pk, "asked": created, "first_answer_id": None,
                      "first_answer_after": None, "best_answer_id": None, "best_answer_after": None}
            questions.append(record)
            by_id[comment_id] = record
        if comment_id % 10 == 0:
            tags.append({"slug": f"tag{comment_id % 7}", "page_pk": page_pk, "comment_id": comment_id,
                         "created": created})
    for start in range(0, len(rows), 5000):
        connection.execute(insert(Comment), rows[start:start + 5000])
    connection.execute(insert(Question), questions)
    connection.execute(insert(HashtagUse), tags)
    session.commit()
    with db.engine().connect() as fresh:  # planner statistics, as a database in use has them (autovacuum on PostgreSQL)
        fresh.execute(text("ANALYZE"))
        fresh.commit()
    print(f"seeded {len(rows)} comments, {len(questions)} questions, {len(tags)} hashtag uses")


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and slowest of ``repeat`` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'plein.sqlite3'}"
        app = create_app({"PLEIN_DATABASE_URL": url, "PLEIN_SEARCH_DIR": str(Path(folder) / "search"),
                          "PLEIN_SECRET_KEY": "benchmark"})
        with app.app_context():
            seed(args.comments, random.Random(13))
            session = db.session()
            end = YEAR_START + YEAR
            cases: dict[str, dict[str, Any]] = {
                "whole year": {},
                "one section": {"section": "s3"},
                "one hashtag": {"hashtag": "tag3"},
                "one page": {"page": 42},
            }
            calendar = settings().working_calendar
            for name, scope in cases.items():
                result = figures.compute(session, calendar, YEAR_START, end, **scope)
                median, slowest = timed(lambda: figures.compute(session, calendar, YEAR_START, end, **scope),
                                        args.repeat)
                print(f"{name:12} median {median:7.1f} ms  slowest {slowest:7.1f} ms  "
                      f"(asked {result.asked}, answered {result.answered}, goal <= 200 ms)")
        app.extensions["plein_search"].close()


if __name__ == "__main__":
    main()
