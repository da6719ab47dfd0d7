"""The social widget stays small, as served: the build minifies the theme's files (plein-assets: rjsmin, rcssmin).

What every page loads, JavaScript and CSS together, is at most 10 KB gzipped (Isso's embed is 20.4 KB), and so is
all of the widget with the bell and the @ autocomplete (issue 12). The parts few page loads need (the @
autocomplete once someone starts writing, the home page's activity stream, announcements, choosing a demo name)
are a module the widget imports on use, with a budget of its own; tests/browser/test_widget_loading.py shows that
a reader's page load does not fetch it."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from plugins.assets.minify import minified

ASSETS = Path(__file__).resolve().parents[2] / "theme" / "assets" / "plein"
EVERY_PAGE = ("widget.js", "widget-thread.js", "widget.css")
ON_USE = ("widget-more.js",)
BUDGET_BYTES = 10 * 1024
ON_USE_BUDGET_BYTES = 3 * 1024


def served_size(name: str) -> int:
    """Bytes on the wire: the minified file gzip-compressed, as a web server does it (level 6)."""
    return len(gzip.compress(minified(ASSETS / name).encode(), compresslevel=6))


def test_the_widget_every_page_loads_fits_in_10_kb_gzipped() -> None:
    total = sum(served_size(name) for name in EVERY_PAGE)
    assert total <= BUDGET_BYTES, f"widget is {total} bytes gzipped, budget {BUDGET_BYTES}"


def test_the_whole_widget_with_bell_and_autocomplete_fits_in_10_kb_gzipped() -> None:
    total = sum(served_size(name) for name in EVERY_PAGE + ON_USE)
    assert total <= BUDGET_BYTES, f"the whole widget is {total} bytes gzipped, budget {BUDGET_BYTES}"


def test_the_parts_loaded_on_use_fit_in_3_kb_gzipped() -> None:
    total = sum(served_size(name) for name in ON_USE)
    assert total <= ON_USE_BUDGET_BYTES, f"widget-more.js is {total} bytes gzipped, budget {ON_USE_BUDGET_BYTES}"


def test_widget_is_plain_source_not_committed_minified_output() -> None:
    """No build step for contributors: the repository holds the readable source (no bundle or minified copy)."""
    files = EVERY_PAGE + ON_USE
    assert sorted(p.name for p in ASSETS.glob("widget*")) == sorted(files)
    longest_line = max(len(line) for name in files for line in (ASSETS / name).read_text().splitlines())
    assert longest_line <= 160


def test_the_built_site_serves_minified_scripts_and_styles_that_still_parse(built_site: Path) -> None:
    served = built_site / "assets" / "plein"
    for source in sorted(ASSETS.glob("*.js")) + sorted(ASSETS.glob("*.css")):
        built = served / source.name
        assert built.read_text(encoding="utf-8") == minified(source)
        assert built.stat().st_size < source.stat().st_size * 0.9, f"{source.name} is not minified"
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (make test installs it with the OpenID provider's packages)")
    for script in sorted(served.glob("*.js")):
        check = subprocess.run([node, "--check", str(script)], capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, f"{script.name}: {check.stderr}"
