"""A background thread that runs a task at a steady rate: the writer's drains and merges (one of each per process)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class Periodic:
    """Calls `task` every `interval` seconds until stopped; an error is logged and never ends the loop."""

    def __init__(self, task: Callable[[], int], interval: float, name: str) -> None:
        self._task = task
        self._interval = interval
        self._name = name
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the loop to end and wait for a task in progress to finish."""
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
        """Start the task every `interval` seconds, counted from the start of the previous run.

        Counting from its end would add each run's own time to the wait: for drains, a long drain under a
        write load would add to the time a comment takes to become findable.
        """
        wait = self._interval
        while not self._stop.wait(wait):
            started = time.monotonic()
            try:
                self._task()
            except Exception:  # noqa: BLE001 - the writer must survive any one bad batch and try again
                log.exception("search: %s failed; retrying", self._name)
            wait = max(0.0, self._interval - (time.monotonic() - started))
