"""The background thread, one per process, that tries to become the writer and drain the spool."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class Drainer:
    """Calls `drain` every `interval` seconds until stopped; an error is logged and never ends the loop."""

    def __init__(self, drain: Callable[[], int], interval: float) -> None:
        self._drain = drain
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="plein-search-drainer", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the loop to end and wait for a drain in progress to commit."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def after_fork(self) -> None:
        """Threads do not survive `fork`: start a fresh loop in the child when the parent had one."""
        if self._thread is not None:
            self._stop = threading.Event()
            self._thread = None
            self.start()

    def _run(self) -> None:
        """Start a drain every `interval` seconds, counted from the start of the previous one.

        Counting from its end would add each drain's own time to the wait, and a long drain under a write
        load to the time a comment takes to become findable.
        """
        wait = self._interval
        while not self._stop.wait(wait):
            started = time.monotonic()
            try:
                self._drain()
            except Exception:  # noqa: BLE001 - the writer must survive any one bad batch and try again
                log.exception("search: draining the spool failed; retrying")
            wait = max(0.0, self._interval - (time.monotonic() - started))
