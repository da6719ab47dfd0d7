"""A probe beside the load: one step about every so many seconds, in a thread of its own, while a block runs."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from benchmarks.service.client import JsonClient


@contextmanager
def paced(url: str, headers: tuple[tuple[str, str], ...], step: Callable[[JsonClient, int], None], *,
          every_s: float, name: str, join_s: float) -> Iterator[None]:
    """Call ``step(client, number)`` with numbers 0, 1, ... at most once per ``every_s`` until the block ends
    (then wait at most ``join_s`` for the step in progress); ``client`` has one keep-alive connection."""
    stop = threading.Event()

    def loop() -> None:
        client = JsonClient(url, dict(headers))
        try:
            number = 0
            while not stop.is_set():
                started = time.monotonic()
                step(client, number)
                number += 1
                stop.wait(max(0.0, every_s - (time.monotonic() - started)))
        finally:
            client.close()

    thread = threading.Thread(target=loop, name=name, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(join_s)
