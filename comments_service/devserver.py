"""One process for a local run and small installs: the built site at ``/``, the API at ``/api/``.

Production puts a web server in front instead (nginx serves ``site/`` and proxies ``/api/`` to
gunicorn); see docs/service.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from flask import Blueprint, Flask, abort, request, send_from_directory
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join
from werkzeug.serving import run_simple

from .notifications.jobs import worker_beside


def site_blueprint(site_dir: Path) -> Blueprint:
    """Serve files from ``site_dir``; a folder answers with its index.html and a missing file with the
    site's 404.html, as a static host would. A built file wins over the service's own pages, as the web
    server's ``try_files`` does in production: the build's ``tags/<tag>/`` pages, while the service answers
    the hashtags only comments use."""
    site = Blueprint("site", __name__)

    def built(path: str) -> ResponseReturnValue | None:
        """The file at ``path`` or the index.html of the folder at ``path``; None when the build has neither."""
        target = safe_join(str(site_dir), path)
        if target is None:
            return None
        if Path(target).is_dir():
            path = f"{path.rstrip('/')}/index.html".lstrip("/")
        try:
            return send_from_directory(site_dir, path)
        except NotFound:
            return None

    @site.before_app_request
    def built_file_first() -> ResponseReturnValue | None:
        """A built file answers before any route of the service's pages does."""
        if request.method not in ("GET", "HEAD") or request.path.startswith("/api/"):
            return None
        return built(request.path.lstrip("/"))

    @site.get("/", defaults={"path": ""})
    @site.get("/<path:path>")
    def static_file(path: str) -> ResponseReturnValue:
        """What the build has no file for: the site's own 404 page, as a web server's `error_page 404 /404.html`."""
        if path.startswith("api/") or not (site_dir / "404.html").is_file():
            abort(404)
        return send_from_directory(site_dir, "404.html"), 404

    return site


def closing_answers(app: WSGIApplication) -> WSGIApplication:
    """``app`` with its answers closed also when the client hangs up in the middle of one.

    Werkzeug's server reads what is left of the request before it closes the answer, and on a reset connection
    that read fails first (a browser leaving a page while its scripts still load): the file being sent stayed
    open until the garbage collector found it. A generator's clean-up runs either way."""

    def answer(environ: WSGIEnvironment, start_response: StartResponse) -> Iterator[bytes]:
        body = app(environ, start_response)
        try:
            yield from body
        finally:
            if (close := getattr(body, "close", None)) is not None:
                close()

    return answer


def serve(app: Flask, host: str, port: int) -> None:
    """Add the site to ``app`` and run Werkzeug's threaded server until interrupted, with the job worker
    (``flask jobs``) beside it, so mail goes out without another command."""
    site_dir = app.extensions["plein"].site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        raise SystemExit(f"{site_dir} holds no built site: run `mkdocs build --site-dir {site_dir}` first")
    app.register_blueprint(site_blueprint(site_dir))
    with worker_beside(app):
        run_simple(host, port, closing_answers(app), threaded=True)
