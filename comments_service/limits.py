"""Rate limits on writes (limits, Flask-Limiter's engine): one budget per person, or per address when anonymous.

Reads are never limited. Plein has one limit for every state-changing request, parsed once and counted through
limits' fixed-window strategy before each write. Flask-Limiter, the extension on top of limits, resolves
route, blueprint and default limits on every request and adds hooks after and around it; Plein uses none of
that, and with every request told exempt its hooks still cost 0.24 M of a mentioning write's 4.14 M
instructions (docs/performance.md, step 32), so the storages and strategy are limits' own, used directly.

The limit (``PLEIN_RATELIMIT_WRITE``) and the storage (``PLEIN_RATELIMIT_STORAGE``: ``memory://`` per process,
``redis://`` shared by all workers) are settings, so a benchmark can raise the limit without touching code. When
the shared store is unreachable (Redis down), writes go on without a limit rather than fail: a budget is a
guard, the comment is the work.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from typing import Any

from flask import Flask, request
from limits import RateLimitItem, parse_many
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from .config import Settings
from .identity import current_viewer
from .security import SAFE_METHODS

KEY_PREFIX = "plein"
STORE_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
"""Seconds a write waits for Redis before it goes on without a limit (redis-py waits for ever by default)."""
WARN_EVERY_SECONDS = 60.0
log = logging.getLogger(__name__)
SWEEP_SECONDS = 60.0
"""How often the per-process counters drop the windows that have ended."""


class ProcessCounters(Storage):
    """Fixed-window counters in this process: what ``memory://`` means here.

    limits' own memory storage starts an expiry thread every 10 ms while writes arrive, which costs a
    write more CPU than counting it; this one drops ended windows as it goes, at most once a minute.
    """

    STORAGE_SCHEME = ["plein-memory"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: float | str | bool) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._counts: dict[str, int] = {}
        self._ends: dict[str, float] = {}  # when each key's window ends
        self._lock = threading.Lock()  # the dev server and threaded workers count concurrently
        self._next_sweep = time.time() + SWEEP_SECONDS

    @property
    def base_exceptions(self) -> type[Exception]:
        return ValueError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        """Count ``amount`` in the key's window, opening a new window of ``expiry`` seconds when none runs."""
        now = time.time()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            if self._ends.get(key, 0.0) <= now:
                self._counts[key], self._ends[key] = 0, now + expiry
            self._counts[key] += amount
            return self._counts[key]

    def get(self, key: str) -> int:
        """The count in the key's running window (0 when none runs)."""
        return self._counts.get(key, 0) if self._ends.get(key, 0.0) > time.time() else 0

    def get_expiry(self, key: str) -> float:
        """When the key's window ends (now when it has none)."""
        return self._ends.get(key, time.time())

    def check(self) -> bool:
        """Always healthy: nothing outside the process."""
        return True

    def reset(self) -> int | None:
        """Forget every window."""
        with self._lock:
            count = len(self._counts)
            self._counts.clear()
            self._ends.clear()
        return count

    def clear(self, key: str) -> None:
        """Forget one key's window."""
        with self._lock:
            self._counts.pop(key, None)
            self._ends.pop(key, None)

    def _sweep(self, now: float) -> None:
        """Drop the windows that ended (the lock is held)."""
        for key in [key for key, end in self._ends.items() if end <= now]:
            del self._counts[key], self._ends[key]
        self._next_sweep = now + SWEEP_SECONDS


def _key() -> str:
    """The budget a write counts against: the person, else the address."""
    viewer = current_viewer()
    return f"person:{viewer.id}" if viewer else f"address:{request.remote_addr or '-'}"


class WriteLimit:
    """The write limit, counted before every state-changing request; the first limit exceeded answers 429."""

    def __init__(self, strategy: FixedWindowRateLimiter, limits: str) -> None:
        self.strategy = strategy
        self.items: list[RateLimitItem] = parse_many(limits)
        self._warned = -WARN_EVERY_SECONDS

    def check(self) -> None:
        """Count a write against each limit; the first one exceeded answers 429 with ``Retry-After``."""
        if request.method in SAFE_METHODS:
            return
        key = _key()
        try:
            for item in self.items:
                if not self.strategy.hit(item, KEY_PREFIX, key):
                    reset_at, _ = self.strategy.get_window_stats(item, KEY_PREFIX, key)
                    wait = max(1, math.ceil(reset_at - time.time()))
                    raise TooManyRequests(f"Too many writes (at most {item}); try again in {wait} s.", retry_after=wait)
        except self.strategy.storage.base_exceptions:
            if time.monotonic() - self._warned >= WARN_EVERY_SECONDS:  # once a minute, not once a write
                self._warned = time.monotonic()
                log.warning("rate limits: the store is unreachable; writes go on without a limit", exc_info=True)


def init_app(app: Flask, config: Settings) -> None:
    """Apply the write limit to every state-changing request of ``app``, unless limits are switched off."""
    if not config.ratelimit_enabled:
        return
    uri = config.ratelimit_storage
    # redis-py takes its timeouts as seconds, and waits for ever without them.
    options: dict[str, Any] = STORE_TIMEOUTS if uri.startswith(("redis://", "rediss://")) else {}
    storage = storage_from_string("plein-memory://" if uri == "memory://" else uri, **options)
    app.before_request(WriteLimit(FixedWindowRateLimiter(storage), config.ratelimit_write).check)
