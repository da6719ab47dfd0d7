"""Plein's comments service: a Flask app that makes every page of the static site social.

``flask --app comments_service run`` for development, ``gunicorn 'comments_service:create_app()'``
in production. Configuration comes from ``PLEIN_*`` environment variables (see docs/service.md).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from flask import Flask

from . import analytics, cli, clock, db, errors, indexing, lifecycle, limits, notifications, oidc, pages, privacy, questions
from . import announcements, departments
from .api import api
from .cache import BodyCache
from .config import load_settings
from .identity import CookieSessionInterface
from .security import add_security_headers


def create_app(config: Mapping[str, object] | None = None) -> Flask:
    """Build the app: settings parsed once, database migrated, API blueprints, search, limits, CLI commands.

    ``config`` overrides environment variables (``PLEIN_*`` keys) and sets Flask settings (other keys);
    ``PLEIN_CLOCK`` there (a :class:`~comments_service.clock.Clock`) replaces the system clock.
    """
    instance = (config or {}).get("PLEIN_INSTANCE_DIR") or os.environ.get("PLEIN_INSTANCE_DIR")
    app = Flask(__name__, instance_path=os.path.abspath(str(instance)) if instance else None,
                instance_relative_config=True, static_folder=None)
    app.config.update(config or {})  # other parts (search) read their own PLEIN_* keys from here too
    settings = load_settings(config, Path(app.instance_path))
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=settings.site_url.startswith("https://"),
    )
    app.session_interface = CookieSessionInterface()
    app.extensions["plein"] = settings
    clock.init_app(app, app.config.get("PLEIN_CLOCK"))
    app.config["PLEIN_SEARCH_DIR"] = str(settings.search_dir)
    app.config["PLEIN_SEARCH_INDEXER"] = settings.search_indexer
    app.extensions["plein.threads"] = BodyCache(settings.thread_cache_bytes)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    db.init_app(app, settings.database_url, migrate=settings.auto_migrate)
    errors.register(app)
    limits.init_app(app, settings)
    app.after_request(add_security_headers)
    app.register_blueprint(api)
    indexing.init_app(app)
    notifications.init_app(app)
    announcements.init_app(app)  # before pages: their routes join its blueprint
    departments.init_app(app)  # before pages: its route joins its blueprint
    oidc.init_app(app)
    privacy.init_app(app)  # before pages: its routes join their blueprint
    lifecycle.init_app(app)
    pages.init_app(app)
    analytics.init_app(app)
    questions.init_app(app)
    cli.register(app)
    return app
