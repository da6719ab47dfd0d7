"""Fixtures for the search tests: a backend on an empty index in a temporary directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from comments_service.search import WhooshBackend


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "search"


@pytest.fixture
def backend(index_dir: Path) -> Iterator[WhooshBackend]:
    """A backend on an empty index, without a writer thread (tests call `drain()` themselves)."""
    search = WhooshBackend(index_dir, refresh_interval=0.0, fsync=False)
    search.rebuild([])
    yield search
    search.close()
