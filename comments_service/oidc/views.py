"""The login routes: to the provider and back, and out again.

A browser comes here by navigation, not through the widget's fetch, so failures answer with an HTML page in the
site's language (the service's page frame), never a bare error: a forged or outdated state, a code the provider
refuses, an ID token that fails validation, claims that name nobody.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from authlib.integrations.base_client import OAuthError
from joserfc.errors import JoseError
from flask import Blueprint, Response, jsonify, redirect, request, session
from requests import RequestException

from ..errors import ApiError
from ..identity import current_viewer, settings
from ..pages.html import language, render
from ..pages.strings import STRINGS
from ..security import check_same_origin
from . import login
from .client import provider

bp = Blueprint("oidc", __name__)
NEXT_KEY = "plein_oidc_next"


def _site_address(path: str = "") -> str:
    """An address of the site, absolute when ``PLEIN_SITE_URL`` is (as the provider's redirect URIs must be)."""
    config = settings()
    origin = config.site_origin or request.host_url.rstrip("/")
    return origin + config.site_root + path


def _callback_address() -> str:
    """Where the provider sends the browser back: ``<site>/api/auth/callback`` (register it at the provider)."""
    return _site_address("api/auth/callback")


def _local_next(value: str | None) -> str:
    """Where to go after the login: a path on this site only (never another site: no open redirect)."""
    root = settings().site_root
    if not value or "\\" in value or any(ord(char) < 32 for char in value):
        return root
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path.startswith(root):
        return root
    return value


def _failed(message_en: str, message_nl: str) -> Response:
    """The page that says the login failed and offers to try again."""
    t = STRINGS[language()]
    text = message_nl if language() == "nl" else message_en
    return render("error.html", t["error_title"], 400, text=text, home=settings().site_root)


@bp.get("/login")
def start_login() -> Response:
    """Send the browser to the provider (code flow, PKCE S256, a fresh state and nonce kept in the session)."""
    session[NEXT_KEY] = _local_next(request.args.get("next"))
    try:
        return provider().authorize_redirect(_callback_address())
    except (RequestException, OAuthError, ValueError):
        raise ApiError(503, "login_unavailable", "The sign-in service cannot be reached; try again later.",
                       nl="De aanmeldservice is niet bereikbaar; probeer het later opnieuw.") from None


@bp.get("/callback")
def finish_login() -> Response:
    """Back from the provider: check the state, trade the code for tokens, validate the ID token, sign in."""
    client = provider()
    if not request.args.get("state") or not client.framework.get_state_data(session, request.args["state"]):
        return _failed("This sign-in link is outdated or was not started here. Sign in again.",
                       "Deze aanmeldlink is verlopen of niet hier begonnen. Meld je opnieuw aan.")
    try:
        token = client.authorize_access_token()
        if "userinfo" not in token:  # no ID token, so nothing that proves who signed in
            raise OAuthError(description="no ID token")
        claims = dict(token["userinfo"])
        if client.load_server_metadata().get("userinfo_endpoint"):
            extra = client.userinfo(token=token)
            if extra.get("sub") == claims.get("sub"):
                claims = {**extra, **claims}
        login.start(claims, settings().oidc)  # type: ignore[arg-type]
    except (OAuthError, JoseError, RequestException, login.UnusableClaims, ValueError):
        return _failed("Signing in did not succeed. Sign in again.",
                       "Aanmelden is niet gelukt. Meld je opnieuw aan.")
    return redirect(session.pop(NEXT_KEY, None) or settings().site_root, 303)  # type: ignore[return-value]


@bp.post("/logout")
def logout() -> Response:
    """End the login here, then at the provider when it offers RP-initiated logout; back to the site after."""
    check_same_origin()
    signed_in = current_viewer() is not None
    login.end()
    target = _provider_logout() if signed_in else None
    target = target or _site_address()
    if request.accept_mimetypes.best == "application/json":  # the widget's fetch: it navigates itself
        return jsonify(redirect=target)
    return redirect(target, 303)  # type: ignore[return-value]


def _provider_logout() -> str | None:
    """The provider's end-session address, back to the site after; ``None`` when it has none or is down (the
    login here has ended either way)."""
    try:
        if not provider().load_server_metadata().get("end_session_endpoint"):
            return None
        return provider().create_logout_url(
            post_logout_redirect_uri=_site_address(), client_id=settings().oidc.client_id)["url"]  # type: ignore[union-attr]
    except (RequestException, OAuthError, ValueError):
        return None
