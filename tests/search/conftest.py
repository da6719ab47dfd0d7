"""Fixtures for the search tests: backends on a temporary directory, closed after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from comments_service.search import WhooshBackend


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "search"


@pytest.fixture
def open_backend(index_dir: Path) -> Iterator[Callable[..., WhooshBackend]]:
    """Open backends on `index_dir` (as many as a test likes, like several processes would); all closed after."""
    opened: list[WhooshBackend] = []

    def open_(**options: Any) -> WhooshBackend:
        opened.append(WhooshBackend(index_dir, **options))
        return opened[-1]

    yield open_
    for backend in opened:
        backend.close()


@pytest.fixture
def backend(open_backend: Callable[..., WhooshBackend]) -> WhooshBackend:
    """A backend on an empty index, without a writer thread (tests call `drain()` themselves)."""
    search = open_backend(refresh_interval=0.0, fsync=False)
    search.rebuild([])
    return search
