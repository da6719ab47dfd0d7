"""The notifications API: the list behind the bell, marking read, mail preferences, following."""

from __future__ import annotations

from flask import Blueprint, request

from .. import db
from ..api.payload import json_object, page_number, string_field
from ..errors import ApiError
from ..identity import settings
from ..people.visits import record_visit
from ..security import require_viewer, require_writer
from . import follows
from .inbox import entries, mark_comment_read, mark_read, unread_count
from .preferences import preferences_of, set_preference

bp = Blueprint("notifications", __name__)


@bp.get("/notifications")
def notifications() -> dict[str, object]:
    """The viewer's notifications, newest first, 20 a page (``?page=2``), and the unread count."""
    viewer = require_viewer()
    record_visit(viewer)
    session = db.session()
    page = page_number()
    found, pages = entries(session, settings().site_root, viewer.id, page)
    return {"notifications": [entry.as_json() for entry in found], "unread": unread_count(session, viewer.id),
            "page": page, "pages": pages}


@bp.post("/notifications/<int:notification_id>/read")
def read_one(notification_id: int) -> dict[str, object]:
    """Mark one notification read; answers the unread count left."""
    viewer = require_writer()
    with db.transaction() as session:
        return {"unread": mark_read(session, viewer.id, notification_id)}


@bp.post("/notifications/read")
def read_all() -> dict[str, object]:
    """Mark every notification read."""
    viewer = require_writer()
    with db.transaction() as session:
        return {"unread": mark_read(session, viewer.id)}


@bp.post("/comments/<int:comment_id>/seen")
def comment_seen(comment_id: int) -> dict[str, object]:
    """The viewer has the comment in sight (the widget, opened at a link to it, from a mail say): their
    notifications about it are read; answers the unread count left."""
    viewer = require_writer()
    with db.transaction() as session:
        return {"unread": mark_comment_read(session, viewer.id, comment_id)}


@bp.get("/notifications/preferences")
def preferences() -> dict[str, object]:
    """How the viewer gets mail for each kind of event."""
    viewer = require_viewer()
    record_visit(viewer)
    return {"preferences": {kind.value: delivery.value for kind, delivery in
                            preferences_of(db.session(), viewer.id).items()}}


@bp.put("/notifications/preferences")
def change_preferences() -> dict[str, object]:
    """``{"mention": "instant", "follow": "weekly", ...}``: any subset of the kinds."""
    viewer = require_writer()
    body = json_object()
    record_visit(viewer)
    with db.transaction() as session:
        for kind, delivery in body.items():
            if not isinstance(delivery, str):
                raise ApiError(400, "wrong_type", f"{kind[:40]} takes a delivery name.",
                               nl=f"{kind[:40]} verwacht de naam van een bezorgwijze.")
            set_preference(session, viewer.id, kind, delivery)
        session.flush()
        return {"preferences": {kind.value: delivery.value for kind, delivery in
                                preferences_of(session, viewer.id).items()}}


@bp.put("/follows")
def follow() -> dict[str, object]:
    """Follow ``{"kind": "page"|"hashtag"|"person", "target": <identity, slug or id>}``."""
    return _change_follow(following=True)


@bp.delete("/follows")
def unfollow() -> dict[str, object]:
    """Stop following (same body)."""
    return _change_follow(following=False)


def _change_follow(*, following: bool) -> dict[str, object]:
    viewer = require_writer()
    body = json_object()
    kind, target = string_field(body, "kind"), string_field(body, "target")
    record_visit(viewer)
    with db.transaction() as session:
        key = follows.resolve_target(session, kind, target)
        (follows.follow if following else follows.unfollow)(session, viewer.id, kind, key)
    return {"kind": kind, "target": target, "following": following}


@bp.get("/follows")
def following() -> dict[str, object]:
    """Whether the viewer follows a target: ``?kind=page&target=<identity>``."""
    viewer = require_viewer()
    kind, target = request.args.get("kind", ""), request.args.get("target", "")
    session = db.session()
    key = follows.resolve_target(session, kind, target)
    return {"kind": kind, "target": target, "following": follows.is_following(session, viewer.id, kind, key)}
