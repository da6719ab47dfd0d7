"""The client each reader downloads: JavaScript plus CSS, each file gzipped as a server would send it."""

from __future__ import annotations

import gzip
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PLEIN_WIDGET = (REPO_ROOT / "theme/assets/plein/widget.js", REPO_ROOT / "theme/assets/plein/widget.css")


def gzipped_bytes(files: list[Path] | tuple[Path, ...]) -> int:
    """Sum of each file's size after `gzip -9` (files are served and compressed one by one)."""
    return sum(len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)) for path in files)
