"""Rate limits on writes (Flask-Limiter): one budget per person, or per address when anonymous.

Reads are never limited. The limit (``PLEIN_RATELIMIT_WRITE``) and the storage
(``PLEIN_RATELIMIT_STORAGE``: ``memory://`` per process, ``redis://`` shared by all workers) are
settings, so a benchmark can raise the limit without touching code.
"""

from __future__ import annotations

from flask import Flask, request
from flask_limiter import Limiter

from .config import Settings
from .identity import current_viewer
from .security import SAFE_METHODS


def _key() -> str:
    """The budget a write counts against: the person, else the address."""
    viewer = current_viewer()
    return f"person:{viewer.id}" if viewer else f"address:{request.remote_addr or '-'}"


def _is_read() -> bool:
    """Reads are never limited."""
    return request.method in SAFE_METHODS


def init_app(app: Flask, config: Settings) -> Limiter:
    """A limiter for ``app``, applying the write limit to every state-changing request."""
    limiter = Limiter(
        _key,
        app=app,
        application_limits=[config.ratelimit_write],
        storage_uri=config.ratelimit_storage,
        enabled=config.ratelimit_enabled,
        key_prefix="plein",
        headers_enabled=True,
    )
    limiter.request_filter(_is_read)  # checked first: reads skip the limiter's bookkeeping entirely
    return limiter
