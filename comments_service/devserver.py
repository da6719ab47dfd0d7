"""One process for a local run and small installs: the built site at ``/``, the API at ``/api/``.

Production puts a web server in front instead (nginx serves ``site/`` and proxies ``/api/`` to
gunicorn); see docs/service.md.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, abort, send_from_directory
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import NotFound
from werkzeug.serving import run_simple

from .notifications.jobs import worker_beside


def site_blueprint(site_dir: Path) -> Blueprint:
    """Serve files from ``site_dir``; a folder answers with its index.html and a missing file with the
    site's 404.html, as a static host would."""
    site = Blueprint("site", __name__)

    @site.get("/", defaults={"path": ""})
    @site.get("/<path:path>")
    def static_file(path: str) -> ResponseReturnValue:
        """The file at ``path``, or the index.html of the folder at ``path``."""
        if path.startswith("api/"):
            abort(404)
        target = site_dir / path
        if target.is_dir():
            path = f"{path.rstrip('/')}/index.html".lstrip("/")
        try:
            return send_from_directory(site_dir, path)
        except NotFound:  # the site's own 404 page, as a web server's `error_page 404 /404.html`
            if not (site_dir / "404.html").is_file():
                raise
            return send_from_directory(site_dir, "404.html"), 404

    return site


def serve(app: Flask, host: str, port: int) -> None:
    """Add the site to ``app`` and run Werkzeug's threaded server until interrupted, with the job worker
    (``flask jobs``) beside it, so mail goes out without another command."""
    site_dir = app.extensions["plein"].site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        raise SystemExit(f"{site_dir} holds no built site: run `mkdocs build --site-dir {site_dir}` first")
    app.register_blueprint(site_blueprint(site_dir))
    with worker_beside(app):
        run_simple(host, port, app, threaded=True)
