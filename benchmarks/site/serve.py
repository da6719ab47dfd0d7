"""Serve a built site on 127.0.0.1 like a production web server would: directory index, gzip for text,
and optionally a WSGI app (the comments service) under `/api/`, same origin."""

from __future__ import annotations

import gzip
import logging
import mimetypes
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


@lru_cache(maxsize=4096)
def _gzipped(path: Path, mtime: float) -> bytes:
    """Return the gzip-compressed content of a file (cached per file version)."""
    return gzip.compress(path.read_bytes(), compresslevel=6)


def static_app(site_dir: Path, api: WSGIApp | None = None, compress: bool = True) -> WSGIApp:
    """Return a WSGI app serving `site_dir` (gzip for text when `compress`), passing `/api` and
    `/api/...` to `api` when given."""
    root = site_dir.resolve()

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path_info: str = environ.get("PATH_INFO") or "/"
        if api is not None and (path_info == "/api" or path_info.startswith("/api/")):
            return api(environ, start_response)
        target = (root / path_info.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(root) or not target.is_file():
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"not found\n"]
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        headers = [("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""))]
        if compress and content_type.startswith(COMPRESSED_TYPES) and "gzip" in environ.get("HTTP_ACCEPT_ENCODING", ""):
            body = _gzipped(target, target.stat().st_mtime)
            headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        else:
            body = target.read_bytes()
        start_response("200 OK", [*headers, ("Content-Length", str(len(body))), ("Cache-Control", "max-age=600")])
        return [body]

    return app


@contextmanager
def serving(app: WSGIApp) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 at a free port in a background thread; yield its base URL."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}/"
    finally:
        server.shutdown()
        thread.join(timeout=10)
