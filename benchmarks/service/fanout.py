"""A page that 10,000 people follow: its comments notify them all while wrk reads another conversation.

The followers are written straight into the service's database, SQLite or PostgreSQL (through its own tables, as 10,000 first
visits and follows would leave them), since seeding them through the API would take longer than the measure.
During the read measure a writer posts a comment on the followed page every two seconds and then looks in the
database every 50 ms until every follower's notification exists (the job worker writes them, told by the write):
that time is the comment's.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, bindparam, create_engine, text

from benchmarks.service.client import JsonClient
from benchmarks.service.paced import paced

FOLLOWERS = 10_000
GOAL_S = 60.0
EVERY_S = 2.0
LOOK_EVERY_S = 0.05


def seed_followers(database_url: str, page_id: str, followers: int = FOLLOWERS) -> None:
    """`followers` people (with an address, mail for follows in a daily digest by default) following `page_id`."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # the service stores naive UTC
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            page_pk = connection.execute(text("SELECT pk FROM pages WHERE identity = :id"), {"id": page_id}).scalar_one()
            connection.execute(
                text("INSERT INTO people (id, name, email, created, low_profile, unread)"
                     " VALUES (:id, :name, :email, :now, :low, 0)"),
                [{"id": f"volger{n}", "name": f"Volger {n}", "email": f"volger{n}@bench.test", "now": now, "low": False}
                 for n in range(followers)],
            )
            connection.execute(
                text("INSERT INTO follows (person_id, target_kind, target, created) VALUES (:id, 'page', :page, :now)"),
                [{"id": f"volger{n}", "page": str(page_pk), "now": now} for n in range(followers)],
            )
    finally:
        engine.dispose()


_COUNT = text("SELECT comment_id, count(*) FROM notifications WHERE comment_id IN :ids GROUP BY comment_id").bindparams(
    bindparam("ids", expanding=True))


def notifications_of(engine: Engine, comment_ids: list[int]) -> list[int]:
    """How many notifications each comment made."""
    if not comment_ids:
        return []
    with engine.connect() as connection:
        counts: dict[int, int] = dict(connection.execute(_COUNT, {"ids": comment_ids}).all())
    return [int(counts.get(comment_id, 0)) for comment_id in comment_ids]


@dataclass
class FanOut:
    """Per comment on the followed page: seconds from its write until all its notifications were committed (or the
    goal passed), and how many there were then."""

    seconds: list[float] = field(default_factory=list)
    notified: list[int] = field(default_factory=list)

    def summary(self, followers: int = FOLLOWERS) -> str:
        if not self.seconds:
            return "no comment was written"
        complete = all(count == followers for count in self.notified)
        verdict = "met" if complete and max(self.seconds) <= GOAL_S else "MISSED"
        return (f"{len(self.seconds)} comments on a page {followers:,} people follow: all notifications committed in "
                f"median {sorted(self.seconds)[len(self.seconds) // 2]:.2f} s, max {max(self.seconds):.2f} s, "
                f"{'each' if complete else 'NOT each'} notifying all followers (goal ≤ {GOAL_S:g} s: {verdict})")


@contextmanager
def fanning_out(url: str, write_path: str, headers: tuple[tuple[str, str], ...], database_url: str) -> Iterator[FanOut]:
    """Write a comment on the followed page every `EVERY_S` while the block runs."""
    result = FanOut()
    engine = create_engine(database_url)

    def step(client: JsonClient, number: int) -> None:
        started = time.monotonic()
        created = client.request("POST", write_path, {"text": f"Bericht {number} voor alle volgers"}, expect=201)
        comment_id = created.body["id"]
        while (count := notifications_of(engine, [comment_id])[0]) < FOLLOWERS and time.monotonic() - started < GOAL_S:
            time.sleep(LOOK_EVERY_S)
        result.seconds.append(time.monotonic() - started)
        result.notified.append(count)

    try:
        with paced(url, headers, step, every_s=EVERY_S, name="fan-out-writer", join_s=GOAL_S + 5):
            yield result
    finally:
        engine.dispose()
