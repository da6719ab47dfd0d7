"""Minifying the theme's own JavaScript and CSS: comments and layout whitespace go, nothing is renamed.

The repository keeps the readable, commented source (no build step for contributors); readers download what
rjsmin and rcssmin leave of it, about a quarter less after gzip (docs/performance.md, widget sizes).
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minified(path: Path) -> str:
    """The file's text as served: minified when it is JavaScript or CSS, else as it is."""
    text = path.read_text(encoding="utf-8")
    minify = MINIFIERS.get(path.suffix)
    return minify(text) if minify else text


def minify_folder(folder: Path) -> int:
    """Minify the JavaScript and CSS files directly in ``folder`` in place; returns how many there were."""
    files = [path for path in sorted(folder.glob("*")) if path.suffix in MINIFIERS]
    for path in files:
        path.write_text(minified(path), encoding="utf-8")
    return len(files)
