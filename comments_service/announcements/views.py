"""The announcements API: the reader's current ones, dismissing one, posting one, and its reach."""

from __future__ import annotations

from flask import Blueprint

from .. import db
from ..api.payload import json_object, refuse_nul_in_address
from ..errors import reader_language
from ..identity import current_viewer, settings
from ..people.visits import record_visit
from ..security import require_writer
from .board import board, mark_seen, unseen
from .models import SeenHow
from .reach import reach_of, require_reach
from .services import get_announcement, post
from .strings import STRINGS

bp = Blueprint("announcements", __name__, url_prefix="/api/announcements", template_folder="templates")
bp.before_request(refuse_nul_in_address)


@bp.get("")
def current() -> dict[str, object]:
    """The current announcements; for a signed-in reader only those not yet opened or dismissed."""
    viewer = current_viewer()
    session = db.session()
    site_root = settings().site_root
    if viewer is None:
        return {"announcements": [item.as_json() for item in board().current(session, site_root)]}
    record_visit(viewer)
    return {"announcements": [item.as_json() for item in unseen(session, viewer.id, site_root)]}


@bp.post("")
def create() -> tuple[dict[str, object], int]:
    """A short announcement (communication role); ``warning`` says so when the week gets crowded."""
    viewer = require_writer()
    body = json_object()
    with db.transaction() as session:
        posted = post(session, viewer, body)
    warning = (STRINGS[reader_language()]["crowded"].format(count=posted.crowded) if posted.crowded else None)
    return {"announcement": posted.announcement.as_json(), "warning": warning}, 201


@bp.post("/<int:announcement_id>/dismiss")
def dismiss(announcement_id: int) -> dict[str, object]:
    """The reader is done with it: it no longer shows for them (others still see it)."""
    viewer = require_writer()
    record_visit(viewer)  # the person row the seen row points at
    with db.transaction() as session:
        get_announcement(session, announcement_id)
        mark_seen(session, [announcement_id], viewer.id, SeenHow.DISMISSED)
    return {"announcements": [item.as_json() for item in unseen(db.session(), viewer.id, settings().site_root)]}


@bp.get("/<int:announcement_id>/reach")
def reach(announcement_id: int) -> dict[str, object]:
    """How far it reached (communication role and who announced it)."""
    viewer = current_viewer()
    if viewer is not None:
        record_visit(viewer)
    session = db.session()
    announcement = get_announcement(session, announcement_id)
    require_reach(viewer, announcement)
    return {"id": announcement.id, "title": announcement.title, "reach": reach_of(session, announcement).as_json()}

