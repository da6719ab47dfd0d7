"""The queue as pages in the site's look, without JavaScript: ``questions/`` (every open question, with filters),
``questions/mine/`` and ``questions/my-pages/``; and the best-answer form of a page's conversation
(``conversation/<page>/``), posted to ``questions/<id>/best``.

A blueprint of its own under the site root, with the service pages' frame, strings and error pages.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, redirect, request

from .. import db
from ..api.payload import page_number
from ..identity import settings
from ..errors import ApiError
from ..models import ID_MAX
from ..pages.conversation import address
from ..pages.html import form_viewer, language, render, require_page, serve_as_pages, signed_in, visitor
from ..pages.strings import STRINGS
from ..services.pages import page_by_pk
from . import choices
from .models import Question
from .queue import Listing, listing
from .services import mark_best
from .views import filters_of

bp = Blueprint("question_pages", __name__, template_folder="templates")
serve_as_pages(bp)
PATHS = {Listing.OPEN: "questions/", Listing.MINE: "questions/mine/", Listing.MY_PAGES: "questions/my-pages/"}


def _page(which: Listing) -> Response:
    viewer = visitor() if which is Listing.OPEN else signed_in()
    filters = filters_of(request.args)
    page = page_number()
    site_root = settings().site_root
    session = db.session()
    entries, pages = listing(session, site_root, which, viewer, filters, page)
    require_page(page, pages)
    words = STRINGS[language()]
    chosen = {name: value for name, value in vars(filters).items() if value}
    return render(
        "questions.html", words[f"questions_{which.name.lower()}"], entries=entries, page=page, pages=pages,
        which=which.value, filters=filters, intro=words[f"questions_{which.name.lower()}_intro"],
        here=site_root + PATHS[which], query=urlencode(chosen), sections=choices.sections(session, filters.section),
        owners=choices.owners(session) if which is Listing.OPEN else [], links={
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


@bp.post("/questions/<int:question_id>/best")
def best_answer(question_id: int) -> Response:
    """Mark the form's ``answer_id`` the best answer, or withdraw the mark without one; back to the conversation
    at the question (the same checks as the API, errors as a page in the site's language)."""
    viewer = form_viewer()
    raw = request.form.get("answer_id", "")
    if raw and not (raw.isascii() and raw.isdigit() and 0 < int(raw) <= ID_MAX):
        raise ApiError(400, "wrong_type", "answer_id must be a comment's number.",
                       nl="answer_id moet het nummer van een reactie zijn.")
    db.retried(lambda session: mark_best(session, viewer, question_id, int(raw) if raw else None))
    session = db.session()
    page = page_by_pk(session, session.get(Question, question_id).page_pk)  # type: ignore[union-attr]
    return redirect(f"{address(page.identity)}#comment-{question_id}", 303)  # type: ignore[return-value]


def init_app(app: Flask) -> None:
    """Serve the pages under the site root."""
    app.register_blueprint(bp, url_prefix=app.extensions["plein"].site_root.rstrip("/") or None)
