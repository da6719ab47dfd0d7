"""A page's live conversation at ``{site_root}conversation/<page id>/``, to read and join without JavaScript.

The static page carries the build's snapshot and, for readers without JavaScript, a link here (the theme's
``partials/social-mount.html``). A static page cannot hold a reader's CSRF token, so the forms live here: a
comment or a reply (``action=comment``, ``text``, ``parent_id``; ``question`` ticked asks one) and, in demo mode,
choosing a name
(``action=sign_in``, ``name``). They pass the same checks as the API's writes: same origin, the CSRF token
(a form field), the write limit, the comment rules; a comment answers ``303`` back here at ``#comment-<id>``.
A comment the rules refuse shows the page again with the reason and the text kept. A long conversation shows
its newest comments (each with what it answers) and links to the earlier ones, ``?before=<comment id>``, as the API.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from flask import Response, redirect, request
from sqlalchemy.orm import Session

from .. import db
from ..api.comments import write_comment
from ..errors import ApiError
from ..identity import Viewer, settings
from ..models import ID_MAX
from ..people.visits import demo_sign_in
from ..security import check_same_origin
from ..questions.services import ask, page_questions
from ..departments.services import choices, speaking_as
from ..services.comments import Written, create_comment
from ..services.pages import PageRef, get_page, page_url
from ..services.thread import build_thread
from ..services.thread_window import parse_cursor
from .html import bp, form_viewer, language, render, visitor
from .strings import STRINGS, day

PATH = "conversation/"
REFUSED_COMMENTS = frozenset({400, 409, 413, 422})
"""Statuses of a comment the rules refuse (too long, empty, an archived page, a removed parent): shown in place."""


def address(identity: str) -> str:
    """Where the conversation of the page with this identity lives."""
    return f"{settings().site_root}{PATH}{quote(identity, safe='/')}/"


@bp.get(f"/{PATH}<path:page_id>/")
def conversation_page(page_id: str) -> Response:
    """The page's conversation as the viewer may see it, with the forms they may use; 404 for unknown pages."""
    viewer = visitor()
    return _show(get_page(db.session(), page_id), viewer, before=parse_cursor(request.args.get("before")))


@bp.post(f"/{PATH}<path:page_id>/")
def take_part(page_id: str) -> Response:
    """``action=comment`` posts a comment or a reply, ``action=sign_in`` chooses a demo name."""
    action = request.form.get("action", "")
    if action == "sign_in":
        return _sign_in(get_page(db.session(), page_id))
    if action != "comment":
        raise ApiError(400, "unknown_action", "Post a comment or choose a name.",
                       nl="Plaats een reactie of kies een naam.")
    viewer = form_viewer()
    text = request.form.get("text", "")
    parent_id = _parent_id(request.form.get("parent_id", ""))
    asked = bool(request.form.get("question")) and parent_id is None
    department = speaking_as(viewer, request.form.get("as"))  # 400 / 403 before anything is written

    def create(session: Session) -> Written:
        written = create_comment(session, settings(), viewer, page_id, text, parent_id, department)
        if asked:
            ask(session, written)
        return written

    try:  # nothing read before: the write's transaction is the request's first (SQLite's one writer)
        written = write_comment("created", create)
    except ApiError as refused:
        if refused.status not in REFUSED_COMMENTS:
            raise
        return _show(get_page(db.session(), page_id), viewer, refused.status,
                     error=refused.message_for(language()), draft=text, parent_id=parent_id)
    return redirect(f"{address(str(written['page_id']))}#comment-{written['id']}", 303)  # type: ignore[return-value]


def _parent_id(raw: str) -> int | None:
    """The comment a reply answers: empty for a comment of its own; else a comment id (400 otherwise)."""
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) <= ID_MAX:
        raise ApiError(400, "bad_parent_id", "parent_id must be a comment's number.",
                       nl="parent_id moet het nummer van een reactie zijn.")
    return int(raw)


def _sign_in(page: PageRef) -> Response:
    """Demo mode only (404 otherwise): the name becomes this browser's person, as ``POST /api/demo/login``."""
    if not settings().demo:
        raise ApiError(404, "demo_off", "Demo mode is off.", nl="De demostand staat uit.")
    check_same_origin()
    name = request.form.get("name", "").strip()
    if not name:
        raise ApiError(422, "name_empty", "Choose a name.", nl="Kies een naam.")
    demo_sign_in(name)
    return redirect(address(page.identity), 303)  # type: ignore[return-value]


def _show(
    page: PageRef, viewer: Viewer | None, status: int = 200, *, error: str | None = None, draft: str = "",
    parent_id: int | None = None, before: int | None = None,
) -> Response:
    config = settings()
    thread = build_thread(
        db.session(), page, viewer, site_root=config.site_root, emoji=config.emoji, size=config.thread_page_size,
        before=before,
    )
    lang = language()
    words = STRINGS[lang]
    return render(
        "conversation.html", words["conversation"].format(page=page.title), status, thread=thread,
        questions=page_questions(db.session(), page.pk, viewer), post_as=choices(viewer) if viewer else [],
        page_address=page_url(config.site_root, page), here=address(page.identity), demo=config.demo,
        error=error, draft=draft, parent_id=parent_id, when=lambda iso: day(dt.datetime.fromisoformat(iso), lang),
    )
