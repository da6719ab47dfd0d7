"""Who am I: the viewer, the demo flag and the CSRF token; demo log-in and log-out."""

from __future__ import annotations

from flask import Blueprint, Response

from .. import db
from ..errors import ApiError
from ..identity import current_viewer, demo_logout, settings
from ..announcements.board import unseen
from ..notifications.inbox import unread_count
from ..people.visits import demo_sign_in, record_visit
from ..security import check_same_origin, csrf_token, require_writer
from .payload import json_object, string_field

bp = Blueprint("identity", __name__)


@bp.get("/me")
def me() -> dict[str, object]:
    """The viewer (or null), whether this is a demo, the token writes must carry, and the bell's count.

    A signed-in viewer's visit is recorded: the service knows people from their first visit on.
    """
    viewer = current_viewer()
    if viewer is not None:
        record_visit(viewer)
    return {
        "viewer": viewer.as_json() if viewer else None,
        "demo": settings().demo,
        "csrf_token": csrf_token(viewer) if viewer else None,
        "unread": unread_count(db.session(), viewer.id) if viewer else 0,
        "announcements": [item.as_json() for item in unseen(db.session(), viewer.id, settings().site_root)]
        if viewer else [],
        "login": settings().oidc is not None,  # sign in at /api/auth/login?next=<page> (OpenID Connect)
    }


def _require_demo() -> None:
    """Demo routes do not exist unless demo mode is on."""
    if not settings().demo:
        raise ApiError(404, "demo_off", "Demo mode is off.", nl="De demomodus staat uit.")


@bp.post("/demo/login")
def login() -> dict[str, object]:
    """Become the person named in the body, for this browser (a signed session cookie)."""
    _require_demo()
    check_same_origin()
    name = string_field(json_object(), "name")
    if not name.strip():
        raise ApiError(422, "name_empty", "Choose a name.", nl="Kies een naam.")
    viewer = demo_sign_in(name)
    return {"viewer": viewer.as_json(), "csrf_token": csrf_token(viewer)}


@bp.post("/demo/logout")
def logout() -> Response:
    """Forget the demo login."""
    _require_demo()
    require_writer()
    demo_logout()
    return Response(status=204)
