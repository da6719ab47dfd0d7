"""`writer.lock`: the one process holding its `flock` is the only one that writes to the index.

The kernel releases an `flock` when its holder dies, so a crashed writer never blocks the others. Each
holder opens its own file description, so two threads of one process also exclude each other.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def writer_lock(path: Path, *, blocking: bool) -> Iterator[bool]:
    """Hold the lock for the `with` block; yields False (without waiting) when busy and not `blocking`."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
