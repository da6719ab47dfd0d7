"""The viewer's notifications at ``{site_root}me/notifications/``: newest first, each linking to its comment,
marked read one by one or all at once with plain forms."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Response, redirect, request

from .. import db
from ..api.payload import page_number
from ..errors import ApiError
from ..models import ID_MAX
from ..notifications.inbox import Entry, entries, mark_read, opened, unread_count
from ..notifications.models import Kind
from ..identity import settings
from . import overview
from .html import back, bp, form_viewer, language, render, require_page, signed_in
from .strings import STRINGS

PATH = "me/notifications/"


def describe(entry: Entry, words: Mapping[str, str]) -> str:
    """What happened, in a sentence: "Sanne mentioned you", "3 colleagues reacted to your comment"."""
    if entry.kind == Kind.REACTION:
        return words["kind_reaction_one" if entry.count == 1 else "kind_reaction_other"].format(n=entry.count)
    return words.get(f"kind_{entry.kind}", words["kind_follow"]).format(actor=entry.actor or words["colleague"])


@bp.get("/me/notifications/")
def notifications_page() -> Response:
    """One page (``?page=``) of the viewer's notifications, with the unread count."""
    viewer = signed_in()
    session = db.session()
    page = page_number()
    found, pages = entries(session, settings().site_root, viewer.id, page)
    require_page(page, pages)
    words = STRINGS[language()]
    return render("notifications.html", words["notifications"],
                  notifications=[(entry, describe(entry, words)) for entry in found],
                  unread=unread_count(session, viewer.id), page=page, pages=pages,
                  here=settings().site_root + PATH, overview=settings().site_root + overview.PATH)


@bp.get("/me/notifications/<int:notification_id>/")
def open_notification(notification_id: int) -> Response:
    """A notification's link on the page: marked read as it is followed (as in Discourse or GitHub, so nobody has
    to mark what they just read), then on to its comment; 404 for someone else's."""
    viewer = signed_in()
    with db.transaction() as session:
        target = opened(session, settings().site_root, viewer.id, notification_id)
    return redirect(target, 303)  # type: ignore[return-value]


@bp.post("/me/notifications/")
def mark() -> Response:
    """``notification=<id>`` marks that one read, no field marks them all; back to the same page of the list."""
    viewer = form_viewer()
    raw = request.form.get("notification")
    notification_id = None
    if raw is not None:
        if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) <= ID_MAX:
            raise ApiError(404, "notification_not_found", "There is no such notification.",
                           nl="Die melding bestaat niet.")
        notification_id = int(raw)
    with db.transaction() as session:
        mark_read(session, viewer.id, notification_id)
    return back(PATH, page=page_number(request.form))
