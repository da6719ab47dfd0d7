"""The service's own HTML pages, in the site's look and working without JavaScript, and the feeds beside them.

- ``frame``: the built site's frame (``site/plein-frame.html``) that every page is put in;
- ``html``: the blueprint, rendering a template in the frame, form checks (CSRF as a form field), error pages;
- ``strings``: the pages' words in Dutch and English;
- ``stream``: comment lists, newest first, paginated (activity, a person's comments, what one follows);
- ``person``: ``people/<id>/``, with the Follow button; ``colleagues``: ``people/``, the people directory;
- ``conversation``: ``conversation/<page id>/``, a page's live conversation with forms (no JavaScript needed);
- ``findings``: ``search/`` (search results) and ``tags/<tag>/`` for hashtags only comments use;
- ``inbox``: ``me/notifications/``; ``overview``: ``me/`` (Mijn overzicht and the settings);
  ``activity``: ``me/activity/``; ``kept_mail``: ``me/mail/``, the viewer's mail where a drop keeps it unsent;
- ``feed_tokens``: the secret of the personal feed address; ``feeds``: Atom documents (feedgen);
- ``api``: ``/api/activity`` and the ``/api/feeds/...`` routes.

The HTML routes live under the site root (the path of ``PLEIN_SITE_URL``), so the web server must pass
``people/``, ``me/``, ``conversation/``, ``search/`` and the ``tags/`` it has no file for to the service besides
``/api/`` (docs/service.md).
"""

from __future__ import annotations

from flask import Flask

from . import activity, api, colleagues, conversation, findings, inbox, kept_mail, overview, person
from .html import bp

# Imported for the routes they add to ``bp``.
ROUTE_MODULES = (activity, colleagues, conversation, findings, inbox, kept_mail, overview, person)


def init_app(app: Flask) -> None:
    """Register the pages under the site root and the feeds under ``/api``."""
    app.register_blueprint(bp, url_prefix=app.extensions["plein"].site_root.rstrip("/") or None)
    app.register_blueprint(api.bp)
