"""The client each reader downloads: JavaScript plus CSS as served, each file gzipped as a server would send it.

Plein's files are counted as the build serves them (minified by plein-assets), all of the widget: what every page
loads and the part loaded on use (the @ autocomplete and the rest); Isso's `embed.min.js` as its package ships it.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from plugins.assets.minify import minified

REPO_ROOT = Path(__file__).resolve().parents[2]
THEME_ASSETS = REPO_ROOT / "theme/assets/plein"
PLEIN_WIDGET = (THEME_ASSETS / "widget.js", THEME_ASSETS / "widget-thread.js", THEME_ASSETS / "widget.css",
                THEME_ASSETS / "widget-more.js")


def served(path: Path) -> bytes:
    """The file as a reader's browser receives it (before compression)."""
    return minified(path).encode() if path.is_relative_to(THEME_ASSETS) else path.read_bytes()


def gzipped_bytes(files: list[Path] | tuple[Path, ...]) -> int:
    """Sum of each file's size after `gzip -9` (files are served and compressed one by one)."""
    return sum(len(gzip.compress(served(path), compresslevel=9, mtime=0)) for path in files)
