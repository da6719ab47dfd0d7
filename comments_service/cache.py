"""A small in-process cache of thread answers, keyed by their ETag.

The ETag already names everything a thread answer depends on (the page, its change counter, the
viewer and the settings), so a cached body is valid exactly as long as its ETag is current: no
invalidation is needed, and several workers each keep their own copy safely. Old entries simply
fall out when the cache's byte budget is spent.
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class BodyCache:
    """Response bodies up to ``budget`` bytes in all, least recently used dropped first; thread safe."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        """The body cached under ``key``, or ``None``."""
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        """Keep ``body`` under ``key`` (unless it alone exceeds the budget), dropping the least recently used."""
        if len(body) > self.budget:
            return
        with self._lock:
            previous = self._bodies.pop(key, None)
            self._size += len(body) - (len(previous) if previous is not None else 0)
            self._bodies[key] = body
            while self._size > self.budget:
                _, dropped = self._bodies.popitem(last=False)
                self._size -= len(dropped)
