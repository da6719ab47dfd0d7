"""The OpenID provider's client: Authlib's Flask integration, configured from ``PLEIN_OIDC_*``.

Authlib keeps the state, the nonce and the PKCE verifier of a login in the session, checks them on the way back,
and validates the ID token (signature from the provider's keys, issuer, audience, expiry, nonce).
"""

from __future__ import annotations

from authlib.integrations.flask_client import OAuth
from authlib.integrations.flask_client.apps import FlaskOAuth2App
from flask import Flask, current_app

from ..config import OidcSettings

EXTENSION = "plein.oidc"
NAME = "provider"


def init_app(app: Flask, settings: OidcSettings) -> None:
    """Register the provider; its discovery document is read at the first login, not at start-up."""
    oauth = OAuth(app)
    oauth.register(
        NAME,
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        server_metadata_url=f"{settings.issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": settings.scopes, "code_challenge_method": "S256", "timeout": 10},
    )
    app.extensions[EXTENSION] = oauth


def provider() -> FlaskOAuth2App:
    """The app's provider client."""
    return getattr(current_app.extensions[EXTENSION], NAME)
