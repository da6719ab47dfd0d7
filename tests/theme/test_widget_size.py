"""The social widget stays small: JavaScript and CSS together at most 10 KB gzipped (Isso's embed is 20.4 KB)."""

from __future__ import annotations

import gzip
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[2] / "theme" / "assets" / "plein"
WIDGET_FILES = ("widget.js", "widget.css")
BUDGET_BYTES = 10 * 1024


def gzipped_size(path: Path) -> int:
    """Bytes on the wire when the file is served gzip-compressed (as a web server does, level 6)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def test_widget_javascript_and_css_fit_in_10_kb_gzipped() -> None:
    total = sum(gzipped_size(ASSETS / name) for name in WIDGET_FILES)
    assert total <= BUDGET_BYTES, f"widget is {total} bytes gzipped, budget {BUDGET_BYTES}"


def test_widget_is_plain_source_not_committed_minified_output() -> None:
    """No build step: the served files are the readable source (no bundle or minified copy lies next to them)."""
    assert sorted(p.name for p in ASSETS.glob("widget*")) == sorted(WIDGET_FILES)
    longest_line = max(len(line) for name in WIDGET_FILES for line in (ASSETS / name).read_text().splitlines())
    assert longest_line <= 160
