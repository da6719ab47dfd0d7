"""The social widget stays small: what every page loads, JavaScript and CSS together, at most 10 KB gzipped
(Isso's embed is 20.4 KB). The parts few page loads need (the @ autocomplete once someone starts writing, the home
page's activity stream, announcements, choosing a demo name) are a module the widget imports on use, with a budget
of its own; tests/browser/test_widget_loading.py shows that a reader's page load does not fetch it."""

from __future__ import annotations

import gzip
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[2] / "theme" / "assets" / "plein"
EVERY_PAGE = ("widget.js", "widget.css")
ON_USE = ("widget-more.js",)
BUDGET_BYTES = 10 * 1024
ON_USE_BUDGET_BYTES = 3 * 1024


def gzipped_size(path: Path) -> int:
    """Bytes on the wire when the file is served gzip-compressed (as a web server does, level 6)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def test_the_widget_every_page_loads_fits_in_10_kb_gzipped() -> None:
    total = sum(gzipped_size(ASSETS / name) for name in EVERY_PAGE)
    assert total <= BUDGET_BYTES, f"widget is {total} bytes gzipped, budget {BUDGET_BYTES}"


def test_the_parts_loaded_on_use_fit_in_3_kb_gzipped() -> None:
    total = sum(gzipped_size(ASSETS / name) for name in ON_USE)
    assert total <= ON_USE_BUDGET_BYTES, f"widget-more.js is {total} bytes gzipped, budget {ON_USE_BUDGET_BYTES}"


def test_widget_is_plain_source_not_committed_minified_output() -> None:
    """No build step: the served files are the readable source (no bundle or minified copy lies next to them)."""
    files = EVERY_PAGE + ON_USE
    assert sorted(p.name for p in ASSETS.glob("widget*")) == sorted(files)
    longest_line = max(len(line) for name in files for line in (ASSETS / name).read_text().splitlines())
    assert longest_line <= 160
