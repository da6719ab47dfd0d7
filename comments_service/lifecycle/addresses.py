"""Which page an address from another comment system means, by the site's manifest.

Isso keys threads by a path (``/richtlijnen/privacy/``), Disqus by a full URL; either may be an address a page
had before it moved. The manifest (``site/plein/manifest.json``) lists each page's ``url`` and its
``former_paths`` (source files it was built from before, whose directory URLs it then had).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit


class Addresses:
    """Normalised site paths -> page identities, from a manifest's pages."""

    def __init__(self, manifest: Mapping[str, Any], site_root: str = "/") -> None:
        self.site_root = site_root
        self.pages: dict[str, str] = {}
        for page in manifest.get("pages", []):
            for former in page.get("former_paths", []):
                self.pages.setdefault(_path(_directory_url(str(former))), str(page["id"]))
        for page in manifest.get("pages", []):  # current URLs win over former ones
            self.pages[_path(str(page["url"]))] = str(page["id"])

    @classmethod
    def from_site(cls, site_dir: Path, site_root: str) -> Addresses:
        """The built site's manifest; an empty map when there is none (no address then names a page)."""
        manifest = site_dir / "plein" / "manifest.json"
        if not manifest.is_file():
            return cls({}, site_root)
        return cls(json.loads(manifest.read_text(encoding="utf-8")), site_root)

    def page_of(self, address: str) -> str | None:
        """The identity of the page ``address`` (a path or URL, under the site root or not) names, or ``None``."""
        path = unquote(urlsplit(address.strip()).path)
        root = self.site_root.rstrip("/")
        if root and path.startswith(root + "/"):
            path = path[len(root):]
        return self.pages.get(_path(path))


def _directory_url(src_path: str) -> str:
    """The URL MkDocs gives a source file with directory URLs: ``a/b.md`` -> ``a/b/``, ``a/index.md`` -> ``a/``."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _path(url: str) -> str:
    """A site path without slashes around it or a trailing ``index.html``: how addresses are compared."""
    path = url.split("#")[0].split("?")[0].strip("/")
    return path.removesuffix("index.html").strip("/")
