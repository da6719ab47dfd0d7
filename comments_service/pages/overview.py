""""Mijn overzicht" at ``{site_root}me/``: the feed of what the viewer follows, and their settings.

The settings are plain forms: low profile, the language of mails, the delivery of each kind of mail, and the
secret address of the personal Atom feed with a button that renews it (the old address stops working).
"""

from __future__ import annotations

from flask import Response, request

from .. import db
from ..api.payload import page_number
from ..config import MAIL_LANGUAGES
from ..errors import ApiError
from ..identity import settings
from ..announcements.board import board
from ..announcements.strings import STRINGS as ANNOUNCEMENT_STRINGS
from ..models import Person
from ..notifications.models import Delivery
from ..notifications.preferences import MAILED_KINDS, preferences_of, set_preference
from . import colleagues, feed_tokens, kept_mail, stream
from .html import back, bp, form_viewer, language, render, require_page, signed_in
from .strings import STRINGS

PATH = "me/"
NOTICES = ("saved", "renewed")
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}  # each in its own language


def _person(viewer_id: str) -> Person:
    person = db.session().get(Person, viewer_id)
    assert person is not None  # signed_in() recorded the visit
    return person


@bp.get("/me/")
def overview() -> Response:
    """One page (``?page=``) of new comments on what the viewer follows, then the settings forms."""
    viewer = signed_in()
    with db.transaction() as session:  # the feed address is made on the first visit here
        person = _person(viewer.id)
        token = feed_tokens.token_of(person)
    site_root = settings().site_root
    found = stream.listing(session, site_root, stream.followed_by(session, viewer.id), page_number())
    require_page(found.page, found.pages)
    words = STRINGS[language()]
    notice = request.args.get("notice")
    origin = settings().site_origin or request.host_url.rstrip("/")
    return render(
        "overview.html", words["overview"], listing=found, intro=words["overview_intro"],
        empty=words["overview_empty"], here=site_root + PATH, person=person,
        notice=words[notice] if notice in NOTICES else None,
        languages=[("", words["language_site"]), *((code, LANGUAGE_NAMES[code]) for code in MAIL_LANGUAGES)],
        chosen_language=person.language or "",
        links={"notifications": site_root + "me/notifications/", "activity": site_root + "me/activity/",
               "data": site_root + "me/data/", "questions": site_root + "questions/mine/",
               "listing": site_root + "analytics/listing", "colleagues": site_root + colleagues.PATH,
               "settings": site_root + "me/settings", "feed": site_root + "me/feed"},
        sees_figures=viewer.has_role("communication") or viewer.has_role("management"),
        figures_url=site_root + "analytics/",
        kept_mail_url=site_root + kept_mail.PATH if settings().mail.drop is not None else None,
        deliveries=[(delivery.value, words[f"delivery_{delivery.value}"]) for delivery in Delivery],
        preferences=[(kind.value, words[f"mail_{kind.value}"], delivery.value)
                     for kind, delivery in preferences_of(session, viewer.id).items()],
        feed_url=f"{origin}/api/feeds/me/{token}.atom",
        announcements=board().current(session, site_root), announcement_words=ANNOUNCEMENT_STRINGS[language()],
        announcements_url=site_root + "announcements/",
    )


@bp.post("/me/settings")
def save_settings() -> Response:
    """Low profile (a checkbox), mail language (``""`` for the site's), ``mail_<kind>`` deliveries."""
    viewer = form_viewer()
    chosen_language = request.form.get("language", "")
    if chosen_language and chosen_language not in MAIL_LANGUAGES:
        raise ApiError(400, "unknown_language", "Choose nl or en.", nl="Kies nl of en.")
    with db.transaction() as session:
        person = _person(viewer.id)
        person.low_profile = request.form.get("low_profile") == "on"
        person.language = chosen_language or None
        for kind in MAILED_KINDS:
            delivery = request.form.get(f"mail_{kind.value}")
            if delivery is not None:
                set_preference(session, viewer.id, kind.value, delivery)  # 400 for a delivery that does not exist
    return back(PATH, notice="saved")


@bp.post("/me/feed")
def renew_feed() -> Response:
    """A new secret feed address; the old one answers 404 from now on."""
    viewer = form_viewer()
    with db.transaction():
        feed_tokens.renew(_person(viewer.id))
    return back(PATH, notice="renewed")
