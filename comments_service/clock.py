"""The service's one clock: every "now" the service reads comes from here, so tests and demos control time.

An app has a clock in ``app.extensions["plein.clock"]`` (the system clock unless ``create_app`` was given
another as ``PLEIN_CLOCK``). :func:`utcnow` reads the clock of the app in context and the system clock
outside any app, so column defaults, services and jobs all share it without passing it around.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Protocol

from flask import Flask, current_app, has_app_context

EXTENSION = "plein.clock"


class Clock(Protocol):
    """Tells the current time, timezone-aware, in UTC."""

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> dt.datetime:
        """The machine's time, in UTC."""
        return dt.datetime.now(dt.UTC)


class ControlledClock:
    """A clock that runs like the machine's from a chosen start, and that a test moves on by hand.

    Running (rather than frozen) keeps the order of writes made one after the other; ``advance`` and
    ``set`` jump, as a test of a digest or an escalation needs.
    """

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("a controlled clock starts at an aware datetime")
        self._lock = threading.Lock()
        self._offset = start - dt.datetime.now(dt.UTC)

    def now(self) -> dt.datetime:
        """The machine's time moved by this clock's offset."""
        return dt.datetime.now(dt.UTC) + self._offset

    def set(self, moment: dt.datetime) -> None:
        """Jump to ``moment`` (and run on from there)."""
        with self._lock:
            self._offset = moment - dt.datetime.now(dt.UTC)

    def advance(self, delta: dt.timedelta) -> None:
        """Move the clock ``delta`` ahead."""
        with self._lock:
            self._offset += delta


_SYSTEM = SystemClock()


def clock() -> Clock:
    """The clock of the app in context, else the system clock."""
    if has_app_context():
        return current_app.extensions.get(EXTENSION, _SYSTEM)
    return _SYSTEM


def utcnow() -> dt.datetime:
    """The current time, timezone-aware, in UTC, by the app's clock."""
    return clock().now()


def init_app(app: Flask, configured: object) -> None:
    """Install ``configured`` (a :class:`Clock`, or ``None`` for the system clock) as the app's clock."""
    if configured is not None and not callable(getattr(configured, "now", None)):
        raise TypeError("PLEIN_CLOCK must have a now() method")
    app.extensions[EXTENSION] = configured or _SYSTEM
