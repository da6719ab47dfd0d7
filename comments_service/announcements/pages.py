"""The announcements' own HTML pages, in the site's look and without JavaScript: the current ones (with the
form to post one, for the communication role) at ``{site_root}announcements/``, and one announcement with its
reach at ``announcements/<id>/``. Opening the latter counts as having seen an announcement that has no page of
its own on the site; a plain form dismisses it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response, request
from sqlalchemy import select

from .. import db
from ..departments.services import choices, departments
from ..identity import settings
from ..models import Page
from ..pages.html import back, bp, form_viewer, language, render, visitor
from ..pages.strings import day
from ..services.pages import live_pages
from .board import address, board, mark_seen, own_path, unseen
from .models import SeenHow
from .reach import may_see_reach, reach_of
from .services import crowding, get_announcement, post
from .strings import STRINGS

LIST_PATH = "announcements/"
_INSTANT = dt.timedelta(microseconds=1)


def _days() -> dict[str, Any]:  # the template's `on` and `last`: moment -> the day as read there
    """Dates as people there read them: in the service's time zone; an end date is the last day it shows."""
    zone, words = settings().mail.timezone, language()
    return {"on": lambda moment: day(moment.astimezone(zone), words),
            "last": lambda moment: day((moment - _INSTANT).astimezone(zone), words)}


@bp.get("/announcements/")
def announcements_page() -> Response:
    """The current announcements (those the reader has not seen first marked), and the form to post one."""
    viewer = visitor()
    session = db.session()
    site_root = settings().site_root
    items = board().current(session, site_root)
    fresh = {item.id for item in unseen(session, viewer.id, site_root)} if viewer else set()
    words = STRINGS[language()]
    can_post = viewer is not None and viewer.has_role("communication")
    return render(
        "announcements.html", words["announcements"], a=words, items=items, fresh=fresh, can_post=can_post,
        pages=live_pages(session) if can_post else [], post_as=choices(viewer) if viewer else [],
        here=site_root + LIST_PATH, own=lambda item: site_root + own_path(item.id), **_days(),
    )


@bp.post("/announcements/")
def post_announcement() -> Response:
    """The form: a short announcement (communication role); its page says whether the week is crowded."""
    viewer = form_viewer()
    form = request.form
    body = {"title": form.get("title", ""), "text": form.get("text", ""), "until": form.get("until", ""),
            "page": form.get("page", ""), "as": form.get("as", ""),
            "required": form.get("required") == "on", "mail": form.get("mail") == "on"}
    with db.transaction() as session:
        posted = post(session, viewer, body)
    return back(own_path(posted.announcement.id), notice="posted")


@bp.get("/announcements/<int:announcement_id>/")
def announcement_page(announcement_id: int) -> Response:
    """One announcement: its text, where it links, and (for who may) its reach."""
    viewer = visitor()
    session = db.session()
    config = settings()
    announcement = get_announcement(session, announcement_id)
    if viewer is not None and announcement.page_pk is None:  # this page is the announcement itself
        mark_seen(session, [announcement.id], viewer.id, SeenHow.OPENED)
        session.commit()
    page_url = session.scalar(select(Page.url).where(Page.pk == announcement.page_pk)) if announcement.page_pk else None
    words = STRINGS[language()]
    show_reach = may_see_reach(viewer, announcement)
    crowded = crowding(session, announcement.starts, exclude=announcement.id) if show_reach else 0
    return render(
        "announcement.html", announcement.title, a=words, announcement=announcement,
        link=address(config.site_root, announcement.id, page_url) if page_url is not None else None,
        department=departments().get(announcement.department or ""),
        notice=words["posted"] if request.args.get("notice") == "posted" and show_reach else None,
        crowded=words["crowded"].format(count=crowded) if crowded and request.args.get("notice") == "posted" else None,
        reach=reach_of(session, announcement) if show_reach else None,
        dismiss=config.site_root + own_path(announcement.id) + "dismiss",
        can_dismiss=viewer is not None
        and announcement.id in {item.id for item in unseen(session, viewer.id, config.site_root)},
        **_days(),
    )


@bp.post("/announcements/<int:announcement_id>/dismiss")
def dismiss_announcement(announcement_id: int) -> Response:
    """The banner's Dismiss as a plain form: back to the list."""
    viewer = form_viewer()
    with db.transaction() as session:
        get_announcement(session, announcement_id)
        mark_seen(session, [announcement_id], viewer.id, SeenHow.DISMISSED)
    return back(LIST_PATH)
