"""``GET /api/health``: every check and its figures; 503 when one fails or the database cannot be read."""

from __future__ import annotations

import logging

from flask import Blueprint
from sqlalchemy.exc import SQLAlchemyError

from .. import db
from .checks import notification_queue, search_queue

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@bp.get("/health")
def health() -> tuple[dict[str, object], int, dict[str, str]]:
    """Anyone may ask (a monitor has no login); the answer holds counts and ages only."""
    no_store = {"Cache-Control": "no-store"}
    try:
        queues = {"notification_queue": notification_queue(db.session()), "search_queue": search_queue(db.session())}
    except SQLAlchemyError as error:
        log.warning("health: the database cannot be read", exc_info=True)
        failing = {"database": {"ok": False, "error": type(error).__name__}}
        return {"status": "failing", "checks": failing}, 503, no_store
    checks: dict[str, dict[str, object]] = {
        "database": {"ok": True}, **{name: {"ok": check.ok, **check.figures} for name, check in queues.items()}
    }
    healthy = all(check["ok"] for check in checks.values())
    return {"status": "ok" if healthy else "failing", "checks": checks}, 200 if healthy else 503, no_store
