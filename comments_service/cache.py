"""A small in-process cache of thread answers, keyed by their ETag.

The ETag already names everything a thread answer depends on (the page, its change counter, the
viewer and the settings), so a cached body is valid exactly as long as its ETag is current: no
invalidation is needed, and several workers each keep their own copy safely. Old entries simply
fall out when the cache is full.
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class BodyCache:
    """At most ``size`` response bodies, least recently used dropped first; safe across threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        """The body cached under ``key``, or ``None``."""
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        """Keep ``body`` under ``key``, dropping the least recently used when full."""
        if self.size <= 0:
            return
        with self._lock:
            self._bodies[key] = body
            self._bodies.move_to_end(key)
            while len(self._bodies) > self.size:
                self._bodies.popitem(last=False)
