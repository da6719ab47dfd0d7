"""The writer thread's rhythm: a drain starts every interval, however long the previous one took."""

from __future__ import annotations

import time

from comments_service.search.drainer import Drainer


def test_drains_start_at_a_steady_rate_even_when_each_one_takes_a_while() -> None:
    starts: list[float] = []

    def slow_drain() -> int:
        starts.append(time.monotonic())
        time.sleep(0.4)  # a big batch under a write load
        return 1

    drainer = Drainer(slow_drain, interval=0.5)
    drainer.start()
    deadline = time.monotonic() + 5
    while len(starts) < 4 and time.monotonic() < deadline:
        time.sleep(0.02)
    drainer.stop()

    gaps = [later - earlier for earlier, later in zip(starts, starts[1:])]
    assert len(gaps) >= 3
    assert all(gap < 0.75 for gap in gaps), gaps  # waiting after each drain would make them 0.9 s


def test_a_failing_drain_is_retried_at_the_next_start() -> None:
    calls: list[float] = []

    def failing_drain() -> int:
        calls.append(time.monotonic())
        raise OSError("disk full")

    drainer = Drainer(failing_drain, interval=0.05)
    drainer.start()
    deadline = time.monotonic() + 5
    while len(calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    drainer.stop()

    assert len(calls) >= 3
