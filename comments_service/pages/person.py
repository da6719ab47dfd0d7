"""A person's page at ``{site_root}people/<id>/``, where mentions link: who they are, what they wrote, follow them.

Readable by everyone who can read the site (their comments already show their name on the pages); a person
who keeps a low profile has no page (404). Following is a plain form posted to the page itself.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import Response, request

from hashtag_grammar import tag_url

from .. import db
from ..api.payload import page_number
from ..errors import ApiError
from ..identity import settings
from ..notifications.follows import Target, follow, is_following, resolve_target, unfollow
from ..people.directory import visible_person
from ..rendering.mentions import person_path
from . import colleagues, stream
from .html import back, bp, form_viewer, render, require_page, visitor

ACTIONS = {"follow": follow, "unfollow": unfollow}


@bp.get("/people/<path:person_id>/")
def person_page(person_id: str) -> Response:
    """Name, department, recent comments (``?page=``), hashtags used, a Follow button and the Atom feed."""
    viewer = visitor()
    session = db.session()
    person = visible_person(session, person_id)
    if person is None:
        raise ApiError(404, "person_not_found", "There is no such person.", nl="Die persoon bestaat niet.")
    site_root = settings().site_root
    comments = stream.listing(session, site_root, stream.by_author(person.id), page_number())
    require_page(comments.page, comments.pages)
    can_follow = viewer is not None and viewer.id != person.id
    return render(
        "person.html", person.name, person=person, comments=comments,
        hashtags=[(slug, tag_url(slug, site_root)) for slug, _ in stream.hashtags_of(session, person.id)],
        can_follow=can_follow,
        following=can_follow and is_following(session, viewer.id, Target.PERSON, person.id),  # type: ignore[union-attr]
        here=site_root + person_path(person.id),
        feed=f"/api/feeds/people/{quote(person.id, safe='')}.atom", directory=site_root + colleagues.PATH,
    )


@bp.post("/people/<path:person_id>/")
def change_follow(person_id: str) -> Response:
    """The Follow / Unfollow button: ``action=follow|unfollow``; back to the page."""
    viewer = form_viewer()
    change = ACTIONS.get(request.form.get("action", ""))
    if change is None:
        raise ApiError(400, "unknown_action", "Choose follow or unfollow.", nl="Kies follow of unfollow.")
    with db.transaction() as session:
        key = resolve_target(session, Target.PERSON, person_id)  # 404 for unknown and low-profile people
        change(session, viewer.id, Target.PERSON, key)
    return back(person_path(person_id))
