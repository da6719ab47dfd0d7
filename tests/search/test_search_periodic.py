"""The writer thread's rhythm: a drain starts every interval, however long the previous one took."""

from __future__ import annotations

import time
from collections.abc import Callable

from comments_service.search.periodic import Periodic


def calls_of(drain: Callable[[], int], *, interval: float, count: int) -> list[float]:
    """Run `drain` periodically until it was called `count` times (5 s at most); the times of the calls."""
    calls: list[float] = []

    def counted() -> int:
        calls.append(time.monotonic())
        return drain()

    drainer = Periodic(counted, interval=interval, name="test-drainer")
    drainer.start()
    deadline = time.monotonic() + 5
    while len(calls) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    drainer.stop()
    return calls


def test_drains_start_at_a_steady_rate_even_when_each_one_takes_a_while() -> None:
    def slow_drain() -> int:
        time.sleep(0.4)  # a big batch under a write load
        return 1

    starts = calls_of(slow_drain, interval=0.5, count=4)

    gaps = [later - earlier for earlier, later in zip(starts, starts[1:])]
    assert len(gaps) >= 3
    assert all(gap < 0.75 for gap in gaps), gaps  # waiting after each drain would make them 0.9 s


def test_a_failing_drain_is_retried_at_the_next_start() -> None:
    def failing_drain() -> int:
        raise OSError("disk full")

    assert len(calls_of(failing_drain, interval=0.05, count=3)) >= 3
