"""Guards for state-changing requests and headers for every answer.

A write must (1) come from the same origin (``Sec-Fetch-Site`` and ``Origin`` checked when the
browser sends them), (2) carry ``X-CSRF-Token``: an HMAC of the viewer's id with the secret key, so
it is stateless, works across workers and is worthless for any other person, and (3) send JSON when
it has a body (checked where the body is read). ``POST /api/sync`` uses a bearer token instead.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit

from flask import Response, request

from .errors import ApiError
from .identity import Viewer, current_viewer, settings

CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ALLOWED_FETCH_SITES = frozenset({"same-origin", "none"})

API_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_API_HEADER_KEYS = frozenset(name.lower() for name in API_HEADERS)


def csrf_token(viewer: Viewer) -> str:
    """The token the viewer must echo in ``X-CSRF-Token``."""
    key = settings().secret_key.encode()
    return hmac.new(key, b"csrf\x00" + viewer.id.encode(), hashlib.sha256).hexdigest()


def _same_origin() -> bool:
    """Browsers say where a request comes from; anything but this origin is refused."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in ALLOWED_FETCH_SITES:
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    parts = urlsplit(origin)
    site_origin = settings().site_origin
    if site_origin is not None:  # the configured site, never whatever Host the request names
        return f"{parts.scheme}://{parts.netloc}".lower() == site_origin.lower()
    # A relative PLEIN_SITE_URL: the host the request was sent to (the scheme may differ behind a proxy that ends TLS).
    return parts.netloc.lower() == request.host.lower()


def check_same_origin() -> None:
    """Refuse a cross-site write (403)."""
    if not _same_origin():
        raise ApiError(403, "cross_site", "Requests from other sites may not change anything here.",
                       nl="Verzoeken van andere sites mogen hier niets veranderen.")


def require_viewer() -> Viewer:
    """The identified viewer of a personal read (their notifications, colleagues' names); else 401."""
    viewer = current_viewer()
    if viewer is None:
        raise ApiError(401, "not_signed_in", "Sign in to do this.", nl="Meld je aan om dit te doen.")
    return viewer


def require_writer() -> Viewer:
    """The viewer of a write: identified, same origin, with a valid CSRF token; else 401 or 403."""
    check_same_origin()
    viewer = require_viewer()
    offered = request.headers.get(CSRF_HEADER, "")
    if not hmac.compare_digest(offered.encode(), csrf_token(viewer).encode()):
        raise ApiError(403, "csrf", "The request lacks a valid X-CSRF-Token header.",
                       nl="Het verzoek mist een geldige X-CSRF-Token-header.")
    return viewer


def require_sync_token() -> None:
    """``Authorization: Bearer <PLEIN_SYNC_TOKEN>`` or 401; sync is off (403) without a token."""
    expected = settings().sync_token
    if not expected:
        raise ApiError(403, "sync_disabled", "Set PLEIN_SYNC_TOKEN to allow sync over HTTP.",
                       nl="Stel PLEIN_SYNC_TOKEN in om synchroniseren via HTTP toe te staan.")
    scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(offered.strip().encode(), expected.encode()):
        raise ApiError(401, "bad_token", "A valid bearer token is needed to sync.",
                       nl="Synchroniseren vraagt een geldig bearer-token.")


def add_security_headers(response: Response) -> Response:
    """Strict headers on API answers (JSON never needs scripts, frames or other origins)."""
    if request.path.startswith("/api/"):
        # One pass over the headers set so far: setdefault would scan them once per header.
        present = _API_HEADER_KEYS.intersection(name.lower() for name in response.headers.keys())
        response.headers.extend([(name, value) for name, value in API_HEADERS.items() if name.lower() not in present])
    return response
