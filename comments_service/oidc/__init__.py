"""OpenID Connect login: Plein signs people in itself when no single sign-on proxy stands in front of it.

- ``client``: the provider, found by discovery, through Authlib (authorization code flow with PKCE and a nonce);
- ``login``: who a login makes the viewer, kept in the signed session cookie until it expires;
- ``views``: ``/api/auth/login``, ``/api/auth/callback`` and ``/api/auth/logout``.

Set ``PLEIN_OIDC_ISSUER``, ``PLEIN_OIDC_CLIENT_ID`` and ``PLEIN_OIDC_CLIENT_SECRET`` (docs/service.md); the
trusted proxy headers, when a request carries them, still win.
"""

from __future__ import annotations

from flask import Flask

from . import client, views


def init_app(app: Flask) -> None:
    """With ``PLEIN_OIDC_ISSUER`` set: the provider's client and the login routes."""
    settings = app.extensions["plein"].oidc
    if settings is None:
        return
    # The provider sends the browser back from another site: a Strict cookie would not come along, and the login's
    # state with it. Lax still keeps the cookie off other sites' POSTs; writes check CSRF tokens and Origin anyway.
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    client.init_app(app, settings)
    app.register_blueprint(views.bp, url_prefix="/api/auth")
