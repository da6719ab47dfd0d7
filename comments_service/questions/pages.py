"""The queue as pages in the site's look, without JavaScript: ``questions/`` (every open question, with filters),
``questions/mine/`` and ``questions/my-pages/``.

A blueprint of its own under the site root, with the service pages' frame, strings and error pages.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, request

from .. import db
from ..api.payload import page_number
from ..identity import settings
from ..pages.html import language, render, require_page, serve_as_pages, signed_in, visitor
from ..pages.strings import STRINGS
from .queue import Listing, listing
from .views import filters_of

bp = Blueprint("question_pages", __name__, template_folder="templates")
serve_as_pages(bp)
PATHS = {Listing.OPEN: "questions/", Listing.MINE: "questions/mine/", Listing.MY_PAGES: "questions/my-pages/"}


def _page(which: Listing) -> Response:
    viewer = visitor() if which is Listing.OPEN else signed_in()
    filters = filters_of(request.args)
    page = page_number()
    site_root = settings().site_root
    entries, pages = listing(db.session(), site_root, which, viewer, filters, page)
    require_page(page, pages)
    words = STRINGS[language()]
    chosen = {name: value for name, value in vars(filters).items() if value}
    return render(
        "questions.html", words[f"questions_{which.name.lower()}"], entries=entries, page=page, pages=pages,
        which=which.value, filters=filters, intro=words[f"questions_{which.name.lower()}_intro"],
        here=site_root + PATHS[which], query=urlencode(chosen), links={
            listing_.value: site_root + path for listing_, path in PATHS.items()
        },
    )


@bp.get("/questions/")
def open_questions() -> Response:
    """Every open question of the site, oldest first; ``?section=&hashtag=&owner=``."""
    return _page(Listing.OPEN)


@bp.get("/questions/mine/")
def my_questions() -> Response:
    """The viewer's own questions, newest first."""
    return _page(Listing.MINE)


@bp.get("/questions/my-pages/")
def questions_on_my_pages() -> Response:
    """Open questions on the viewer's pages, oldest first."""
    return _page(Listing.MY_PAGES)


def init_app(app: Flask) -> None:
    """Serve the pages under the site root."""
    app.register_blueprint(bp, url_prefix=app.extensions["plein"].site_root.rstrip("/") or None)
