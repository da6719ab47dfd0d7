"""Sync benchmark: a 2,000-page manifest into a fresh service, then one with 10 renames, then the same again.

    .venv/bin/python -m benchmarks.sync.run [--pages 2000] [--renames 10] [--comments 5]

Each page gets `--comments` comments first, so a rename has a conversation to move, and two owners: its section's
team and one of `OWNER_PEOPLE` people by address. `KNOWN_PEOPLE` people are known before the renames (every other
owner among them, and the teams of half the sections), so the summary's owners that reach nobody are looked up
among them. Prints the wall time of each sync (with its summary counts), the time of that look-up alone, and the
time for search to pick up the renamed pages' comments. Everything lives in a temporary folder (SQLite, search
index) and is removed afterwards.
"""

from __future__ import annotations

import argparse
import copy
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import insert, select

from comments_service import create_app, db
from comments_service.models import Comment, GroupMember, Page, Person
from comments_service.services.owners import unreached_owners
from comments_service.sync import sync_and_announce

WORDS = "vergadering waterkering dijk gemaal polder rooster koffie overleg project subsidie planning".split()
SECTIONS = 20
OWNER_PEOPLE = 200
KNOWN_PEOPLE = 10_000


def manifest(pages: int, seed: int) -> dict[str, Any]:
    """A version 1 manifest of `pages` pages in 20 sections, with text and hashtags."""
    rng = random.Random(seed)
    entries = []
    for number in range(pages):
        identity = f"sectie-{number % SECTIONS:02d}/pagina-{number:04d}"
        text = " ".join(rng.choice(WORDS) for _ in range(300))
        entries.append({
            "id": identity, "url": f"{identity}/", "title": f"Pagina {number}", "language": "nl",
            "hashtags": [rng.choice(["gedoe", "wol", "intranetwerkt"])], "former_ids": [],
            "text": text, "text_hash": f"{hash(text):x}", "updated": "2026-11-01T09:00:00+00:00",
            "owners": [f"Team {number % SECTIONS}", f"eigenaar{number % OWNER_PEOPLE}@example.nl"],
        })
    return {"version": 1, "pages": entries}


def renamed(original: dict[str, Any], renames: int) -> dict[str, Any]:
    """The same manifest with `renames` pages under a new identity that lists the old one."""
    changed = copy.deepcopy(original)
    for entry in changed["pages"][:renames]:
        old = entry["id"]
        entry["id"] = entry["url"] = f"verhuisd/{old.rsplit('/', 1)[1]}"
        entry["url"] += "/"
        entry["former_ids"] = [old]
    return changed


def seed_comments(app: Flask, per_page: int) -> None:
    """`per_page` comments on every page, inserted in bulk (the write path is the service benchmark's)."""
    with app.app_context(), db.transaction() as session:
        session.execute(insert(Person).values(id="bench", name="Benchmark"))
        pages = session.scalars(select(Page.pk)).all()
        session.execute(insert(Comment), [
            {"page_pk": pk, "author_id": "bench", "text": f"reactie {n}", "html": f"<p>reactie {n}</p>"}
            for pk in pages for n in range(per_page)
        ])


def seed_people(app: Flask) -> None:
    """`KNOWN_PEOPLE` people as their visits store them: every other page owner by address among them, and in
    the teams of the even sections."""
    with app.app_context(), db.transaction() as session:
        session.execute(insert(Person), [
            {"id": f"collega{n}", "name": f"Collega {n}",
             "email": f"eigenaar{n}@example.nl" if n < OWNER_PEOPLE and n % 2 == 0 else f"collega{n}@example.nl"}
            for n in range(KNOWN_PEOPLE)
        ])
        session.execute(insert(GroupMember), [
            {"group": f"Team {n % SECTIONS}", "person_id": f"collega{n}"}
            for n in range(KNOWN_PEOPLE) if n % SECTIONS % 2 == 0
        ])


def timed_unreached(app: Flask) -> tuple[float, int]:
    """Seconds for the look-up of owners that reach nobody, alone, and how many it found."""
    with app.app_context(), db.transaction() as session:
        start = time.perf_counter()
        found = unreached_owners(session)
        return time.perf_counter() - start, len(found)


def timed_sync(app: Flask, data: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    with app.app_context():
        start = time.perf_counter()
        summary = sync_and_announce(data)
        return time.perf_counter() - start, summary.as_json()


def wait_until_searchable(app: Flask, query: str, url_prefix: str, expected: int, limit: float = 30.0) -> float:
    """Seconds until `expected` hits of `query` have URLs under `url_prefix` (bounded by `limit`)."""
    backend = app.extensions["plein_search"]
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        try:
            hits = backend.search(query, kind="comment", limit=100).hits
        except Exception:  # noqa: BLE001 - the first index may still be building
            hits = []
        if sum(hit.url.startswith(url_prefix) for hit in hits) >= expected:
            return time.perf_counter() - start
        time.sleep(0.02)
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--renames", type=int, default=10)
    parser.add_argument("--comments", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="plein-sync-bench-") as folder:
        work = Path(folder)
        app = create_app({
            "PLEIN_DATABASE_URL": f"sqlite:///{work / 'plein.sqlite3'}",
            "PLEIN_SEARCH_DIR": str(work / "search"),
            "PLEIN_SECRET_KEY": "benchmark",
        })
        first = manifest(args.pages, args.seed)
        seconds, summary = timed_sync(app, first)
        print(f"first sync, {args.pages} pages:       {seconds:6.2f} s  created={summary['created']}")
        seed_comments(app, args.comments)
        seed_people(app)

        moved = renamed(first, args.renames)
        seconds, summary = timed_sync(app, moved)
        print(f"sync with {args.renames} renames:          {seconds:6.2f} s  moved={summary['moved']} "
              f"unchanged={summary['unchanged']}")
        findable = wait_until_searchable(app, "reactie", "verhuisd/", min(100, args.renames * args.comments))
        print(f"moved comments searchable after:   {findable:6.2f} s")

        seconds, summary = timed_sync(app, moved)
        print(f"same sync again:                   {seconds:6.2f} s  unchanged={summary['unchanged']} "
              f"moved={summary['moved']} created={summary['created']}")
        seconds, found = timed_unreached(app)
        print(f"owners that reach nobody, alone:   {seconds * 1000:6.1f} ms  {found} of "
              f"{SECTIONS + OWNER_PEOPLE} names ({KNOWN_PEOPLE:,} people known)")
        app.extensions["plein_search"].close()


if __name__ == "__main__":
    main()
