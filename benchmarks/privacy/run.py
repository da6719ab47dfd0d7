"""Backup and restore of 100,000 comments, and erasure of a person with 1,000 comments, timed (issue 15).

Seeds a fresh database (SQLite in a temporary folder, or ``--database-url`` for PostgreSQL: an empty database or
schema, with pg_dump and pg_restore on PATH) with ``--comments`` comments on 200 pages by 500 people, a tenth of
them edited once (a revision) and a reaction on every fifth, and ``--erased`` of them by one person, who also
follows, reacts and has notifications. Then times ``flask backup``'s work, ``flask restore``'s into a second
empty database (without the search rebuild, which the search benchmark measures), and the erasure of that person
in one transaction; prints seconds.

    .venv/bin/python -m benchmarks.privacy.run                                  # the measurement
    .venv/bin/python -m benchmarks.privacy.run --comments 5000 --erased 200     # a quick check that it works
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import func, insert, select

from comments_service import create_app, db
from comments_service.lifecycle.backup import backup, restore
from comments_service.models import Comment, CommentRevision, Page, Person, Reaction
from comments_service.notifications.models import Follow, Notification
from comments_service.privacy.erasure import erase_person

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
PAGES, PEOPLE, BATCH = 200, 500, 5000
ERASED = "te-wissen"


def seed(comments: int, erased: int, rng: random.Random) -> None:
    """People, pages, comments (``erased`` of them by one person), revisions, reactions, follows, notifications."""
    connection = db.session().connection()
    people = [f"p{i}" for i in range(PEOPLE)] + [ERASED]
    connection.execute(insert(Person), [{"id": person, "name": f"Persoon {person}", "email": f"{person}@example.nl",
                                         "created": START} for person in people])
    connection.execute(insert(Page), [{"pk": i + 1, "identity": f"page-{i}", "url": f"page-{i}/", "title": f"Page {i}",
                                       "created": START} for i in range(PAGES)])
    theirs = set(rng.sample(range(1, comments + 1), erased))
    for first in range(1, comments + 1, BATCH):
        ids = range(first, min(first + BATCH, comments + 1))
        rows: list[dict[str, Any]] = [{"id": i, "page_pk": rng.randrange(1, PAGES + 1), "parent_id": None,
                 "author_id": ERASED if i in theirs else rng.choice(people[:-1]),
                 "text": f"Reactie {i} over de #planning", "html": f"<p>Reactie {i}</p>", "state": "visible",
                 "created": START + dt.timedelta(minutes=i)} for i in ids]
        connection.execute(insert(Comment), rows)
        connection.execute(insert(CommentRevision), [{"comment_id": row["id"], "text": "eerder", "html": "<p>eerder</p>",
                                                      "created": row["created"]} for row in rows if row["id"] % 10 == 0])
        connection.execute(insert(Reaction), [{"page_pk": row["page_pk"], "comment_id": row["id"], "emoji": "👍",
                                               "person_id": ERASED if row["id"] % 2 else "p1", "created": row["created"]}
                                              for row in rows if row["id"] % 5 == 0])
        notified = [
            {"person_id": "p2", "topic": f"comment:{row['id']}", "kind": "follow", "page_pk": row["page_pk"],
             "comment_id": row["id"], "actor_id": row["author_id"], "created": row["created"]}
            for row in rows if row["author_id"] == ERASED]
        if notified:  # an empty list would insert one row of defaults
            connection.execute(insert(Notification), notified)
    connection.execute(insert(Follow), [{"person_id": ERASED, "target_kind": "page", "target": str(i + 1),
                                         "created": START} for i in range(50)])
    db.session().commit()


def timed(label: str, work: Callable[[], Any]) -> Any:
    began = time.perf_counter()
    result = work()
    print(f"{label}: {time.perf_counter() - began:.2f} s", flush=True)
    return result


def app_for(url: str, folder: Path) -> Flask:
    return create_app({"PLEIN_DATABASE_URL": url, "PLEIN_SEARCH_DIR": str(folder / "search"),
                       "PLEIN_SEARCH_INDEXER": "external", "PLEIN_SECRET_KEY": "benchmark"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--erased", type=int, default=1_000, help="comments of the person erased")
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite, temporary)")
    parser.add_argument("--restore-url", help="a second empty database for the restore (PostgreSQL)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        source_url = arguments.database_url or f"sqlite:///{folder / 'source.sqlite3'}"
        target_url = arguments.restore_url or f"sqlite:///{folder / 'restored.sqlite3'}"
        source = app_for(source_url, folder / "a")
        with source.app_context():
            timed(f"seeding {arguments.comments:,} comments", lambda: seed(arguments.comments, arguments.erased,
                                                                          random.Random(15)))
            timed("backup", lambda: backup(db.engine(), folder / "plein.backup"))
            size = (folder / "plein.backup").stat().st_size
            print(f"backup size: {size / 1e6:.1f} MB")
        target = app_for(target_url, folder / "b")
        with target.app_context():
            timed("restore (without the search rebuild)", lambda: restore(db.engine(), folder / "plein.backup"))
            restored = db.session().scalar(select(func.count()).select_from(Comment))
            assert restored == arguments.comments, restored
        with source.app_context():
            summary = timed(f"erasing a person with {arguments.erased:,} comments",
                            lambda: db.retried(lambda session: erase_person(session, ERASED)))
            print(f"rows touched: {summary}")


if __name__ == "__main__":
    main()
