"""The analytics dashboard over a year of data, and counting page views (issue 14).

Goals: the dashboard for 12 months over 100,000 comments and 10 million page views answers in <= 200 ms (p95);
counting sustains >= 5,000 views a second. Seeds a fresh database (SQLite in a temporary folder, or
``--database-url`` naming an empty PostgreSQL database or schema) with Core in bulk: pages in sections, people,
``--comments`` comments (a fifth replies, hashtags on a third) with reactions, ``--views`` page views spread over
the pages and days with their reader sketches, and searches. Then:

1. asks for the dashboard once (which rolls the closed days up, as the hourly job does in production), then
   times ``GET /analytics/?period=12m&hashtag=gedoe`` (and ``28d``) ``--repeat`` times as a communication
   member, in process, and prints the median and the 95th percentile in milliseconds;
2. counts views through the tally (as the thread request does) for ``--seconds`` on two threads and prints
   views a second, then flushes them (the flush's time printed too);
3. times ``GET /api/pages/<id>/thread`` with the counting on and off, so the cost a view adds to a thread read
   shows (the ratio to Isso is the service benchmark's: benchmarks/service).

    .venv/bin/python -m benchmarks.analytics.run                                    # the measurement
    .venv/bin/python -m benchmarks.analytics.run --comments 5000 --views 200000 --repeat 5 --seconds 2  # a check
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert

from comments_service import create_app, db
from comments_service.analytics import counting, sketch
from comments_service.clock import ControlledClock
from comments_service.models import Comment, HashtagUse, Page, Person, Reaction

ZONE = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2027, 1, 4, 9, tzinfo=dt.UTC)
FIRST_DAY = dt.date(2025, 12, 1)  # 13 months: the 12 shown and the one before the first
PAGES, SECTIONS, PEOPLE, READERS = 500, 12, 3000, 6000
TAGS = ("gedoe", "duurzaam", "onboarding", "team2026", "servicedesk", "wol", "intranetwerkt", "klant")
HEADERS = {"X-Plein-Proxy-Secret": "bench", "X-Plein-User": "carla", "X-Plein-Groups": "communicatie"}


def seed(comments: int, views: int, rng: random.Random) -> None:
    """Pages, people, comments with reactions and hashtags, views with sketches and searches, in bulk."""
    connection = db.session().connection()
    start = dt.datetime.combine(FIRST_DAY, dt.time(), ZONE).astimezone(dt.UTC)
    span = NOW - start
    connection.execute(insert(Person), [{"id": f"p{i}", "name": f"Person {i}", "created": start} for i in range(PEOPLE)])
    connection.execute(insert(Page), [
        {"pk": i + 1, "identity": f"s{i % SECTIONS}/page-{i}", "url": f"s{i % SECTIONS}/page-{i}/",
         "title": f"Page {i}", "created": start} for i in range(PAGES)])
    rows, reactions, tags = [], [], []
    for comment_id in range(1, comments + 1):
        created = start + span * (comment_id / comments)
        page = rng.randrange(PAGES) + 1
        parent = comment_id - rng.randint(1, 20) if comment_id > 20 and rng.random() < 0.2 else None
        rows.append({"id": comment_id, "page_pk": page, "parent_id": parent, "author_id": f"p{rng.randrange(PEOPLE)}",
                     "text": "x", "html": "<p>x</p>", "state": "visible", "created": created})
        for person in rng.sample(range(PEOPLE), rng.randint(0, 3)):
            reactions.append({"page_pk": page, "comment_id": comment_id, "person_id": f"p{person}", "emoji": "👍",
                              "created": created + dt.timedelta(minutes=5)})
        if rng.random() < 0.33:
            tags.append({"slug": rng.choice(TAGS), "page_pk": page, "comment_id": comment_id, "created": created})
    for chunk in range(0, len(rows), 5000):
        connection.execute(insert(Comment), rows[chunk:chunk + 5000])
    for chunk in range(0, len(reactions), 5000):
        connection.execute(insert(Reaction), reactions[chunk:chunk + 5000])
    connection.execute(insert(HashtagUse), tags)
    days = [FIRST_DAY + dt.timedelta(days=n) for n in range((NOW.date() - FIRST_DAY).days)]
    per_day = views // len(days)
    taken = counting.Taken()
    key = sketch.hash_key("bench-secret")
    for day in days:
        weights = [rng.random() for _ in range(PAGES)]
        total = sum(weights)
        for page, weight in enumerate(weights):
            taken.views[(page + 1, day)] = max(1, round(per_day * weight / total))
        for reader in rng.sample(range(READERS), READERS // 3):
            index, rank = sketch.position(f"r{reader}", key)
            for period in (day.isoformat(), day.isoformat()[:7]):
                ranks = taken.ranks.setdefault(period, {})
                ranks[index] = max(rank, ranks.get(index, 0))
        for query in ("parkeren", "verlof", "vpn", "declaratie", "kerstpakket"):
            taken.searches[(day, query)] = rng.randint(0, 30)
            taken.empty[(day, query)] = rng.randint(0, 5)
    counting.write(connection, taken)
    db.session().commit()


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url")
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--views", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="plein-analytics-bench-"))
    app = create_app({
        "PLEIN_DATABASE_URL": args.database_url or f"sqlite:///{folder / 'bench.sqlite3'}",
        "PLEIN_SECRET_KEY": "bench-secret", "PLEIN_PROXY_SECRET": "bench", "PLEIN_COMMUNICATION_GROUPS": "communicatie",
        "PLEIN_SEARCH_DIR": str(folder / "search"), "PLEIN_SEARCH_INDEXER": "external",
        "PLEIN_JOBS_URL": f"sqlite:///{folder / 'jobs.sqlite3'}", "PLEIN_SITE_DIR": str(folder / "site"),
        "PLEIN_CLOCK": ControlledClock(NOW),
    })
    rng = random.Random(14)
    began = time.perf_counter()
    with app.app_context():
        seed(args.comments, args.views, rng)
    print(f"seeded {args.comments:,} comments and {args.views:,} views in {time.perf_counter() - began:.1f} s")
    client = app.test_client()
    began = time.perf_counter()
    assert client.get("/analytics/?period=12m", headers=HEADERS).status_code == 200
    print(f"first dashboard, rolling up {(NOW.date() - FIRST_DAY).days} days: {time.perf_counter() - began:.1f} s"
          " (the hourly job does this in production)")
    for query in ("period=12m&hashtag=gedoe", "period=28d"):
        samples = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            response = client.get(f"/analytics/?{query}", headers=HEADERS)
            samples.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, response.status_code
        print(f"dashboard {query}: median {statistics.median(samples):.0f} ms, p95 {percentile(samples, 0.95):.0f} ms")
    tally = counting.tally(app)
    counted = [0, 0]
    stop = time.monotonic() + args.seconds

    def count(slot: int) -> None:
        with app.app_context():
            n = 0
            while time.monotonic() < stop:
                tally.view(rng.randrange(PAGES) + 1, f"r{rng.randrange(100_000)}")
                n += 1
            counted[slot] = n

    threads = [threading.Thread(target=count, args=(slot,)) for slot in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"counting: {sum(counted) / args.seconds:,.0f} views/s on two threads")
    began = time.perf_counter()
    with app.app_context():
        tally.flush()
    print(f"flush of {sum(counted):,} views: {(time.perf_counter() - began) * 1000:.0f} ms")
    thread_url = "/api/pages/s1/page-1/thread"
    member = {**HEADERS, "X-Plein-User": "reader", "X-Plein-Groups": ""}
    for label, hook in (("on", counting.Tally.view), ("off", lambda *_: None)):
        counting.Tally.view = hook  # type: ignore[method-assign]
        samples = []
        for _ in range(args.repeat * 10):
            began = time.perf_counter()
            assert client.get(thread_url, headers=member).status_code == 200
            samples.append((time.perf_counter() - began) * 1000)
        print(f"thread read, counting {label}: median {statistics.median(samples):.2f} ms")


if __name__ == "__main__":
    main()
