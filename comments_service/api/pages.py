"""A page's conversation: the thread in one request, counts for overviews, new comments, the build's snapshot."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import db
from ..analytics.counting import count_view
from ..announcements.board import personal_tag, unseen
from ..cache import BodyCache
from ..departments.services import choices, speaking_as
from ..errors import ApiError
from ..identity import Viewer, current_viewer, settings
from ..notifications.inbox import page_for_viewer
from ..people.visits import record_visit
from ..questions.services import ask, page_questions
from ..security import csrf_token, require_writer
from ..services import idempotency
from ..services.comments import Written, comment_answer, create_comment, too_long, written_of
from ..services.pages import get_page
from ..services.snapshot import build_snapshot
from ..services.thread import build_thread, page_counts, thread_etag
from ..services.thread_window import parse_cursor
from .comments import write_comment
from .payload import flag_field, json_object, optional_id_field, string_field

bp = Blueprint("pages", __name__)

MAX_COUNTED_PAGES = 200


@bp.get("/pages/<path:page_id>/thread")
def thread(page_id: str) -> Response:
    """The newest comments with what they answer, ``?before=<comment id>`` the ones before; ``If-None-Match``
    with the current ETag gives 304 without assembling it.

    The answer depends only on what its ETag names, so a body made once is served again from the
    worker's cache until the conversation (or the viewer) changes.
    """
    config = settings()
    viewer = current_viewer()
    before = parse_cursor(request.args.get("before"))
    if viewer is not None:
        record_visit(viewer)
    session = db.session()
    # the bell and the follow button need no request of their own: read with the page, in one statement
    page, unread, following = (page_for_viewer(session, page_id, viewer.id) if viewer is not None
                               else (get_page(session, page_id), 0, False))
    if before is None:  # a page load; reading further back is the same view
        count_view(page.pk, viewer.id if viewer is not None else None)  # before any cache answers
    # the reader's own announcements and the departments they may post as: kept out of the shared part
    notices = [item.as_json() for item in unseen(session, viewer.id, config.site_root, page.pk)] if viewer else []
    post_as = choices(viewer) if viewer is not None else []
    etag = thread_etag(page, viewer, config.fingerprint + personal_tag(notices, post_as), unread, following, before)
    if request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        cache: BodyCache = current_app.extensions["plein.threads"]
        body = cache.get(etag)
        if body is None:
            thread = build_thread(
                session, page, viewer, site_root=config.site_root, emoji=config.emoji, size=config.thread_page_size,
                before=before,
            )
            thread["demo"] = config.demo
            thread["login"] = config.oidc is not None
            thread["text_max"] = config.comment_max_length  # the widget shows it before it is reached
            thread["unread"] = unread
            thread["following"] = following
            thread["announcements"] = notices
            thread["post_as"] = post_as
            thread["questions"] = page_questions(session, page.pk, viewer)
            thread["csrf_token"] = csrf_token(viewer) if viewer else None
            body = current_app.json.dumps(thread, separators=(",", ":")).encode()
            cache.put(etag, body)
        response = Response(body, mimetype="application/json")
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.get("/counts")
def counts() -> dict[str, object]:
    """Comments and reactions per page: ``/api/counts?page=a&page=b``."""
    identities = request.args.getlist("page")
    if not identities:
        raise ApiError(400, "missing_page", "Name at least one page: ?page=<id>.",
                       nl="Noem minstens één pagina: ?page=<id>.")
    if len(identities) > MAX_COUNTED_PAGES:
        raise ApiError(400, "too_many_pages", f"Ask for at most {MAX_COUNTED_PAGES} pages at once.",
                       nl=f"Vraag om hoogstens {MAX_COUNTED_PAGES} pagina's tegelijk.")
    return {"pages": page_counts(db.session(), identities)}


@bp.get("/snapshot")
def snapshot() -> dict[str, object]:
    """Every live page's conversation as anonymous readers see it, for the build's static snapshot."""
    config = settings()
    return {"pages": build_snapshot(
        db.session(), site_root=config.site_root, emoji=config.emoji, size=config.thread_page_size
    )}


@bp.post("/pages/<path:page_id>/comments")
def add_comment(page_id: str) -> tuple[dict[str, object], int]:
    """A new comment, or a reply when ``parent_id`` names a comment of this page; ``question: true`` asks one."""
    viewer = require_writer()
    body = json_object(too_large=too_long(settings()))
    text = string_field(body, "text")
    parent_id = optional_id_field(body, "parent_id")
    department = speaking_as(viewer, body.get("as"))  # 400 / 403 before anything is written
    asked = flag_field(body, "question")
    if asked and parent_id is not None:
        raise ApiError(400, "question_is_reply", "Only a new comment can be a question, not a reply.",
                       nl="Alleen een nieuwe reactie kan een vraag zijn, geen antwoord op een reactie.")
    key = idempotency.offered_key()

    def create(session: Session) -> Written:
        written = create_comment(session, settings(), viewer, page_id, text, parent_id, department)
        if asked:
            ask(session, written)
        if key is not None:
            idempotency.remember(session, viewer.id, key, written.row.id)
        return written

    if key is None:
        return write_comment("created", create), 201
    try:
        return again(viewer, key) or write_comment("created", create), 201
    except IntegrityError:  # the same key at the same moment: the other request made the comment
        answer = again(viewer, key)
        if answer is None:
            raise
        return answer, 201


def again(viewer: Viewer, key: str) -> dict[str, object] | None:
    """The answer of the comment a write with this key made already, or ``None``."""
    session = db.session()
    done = idempotency.seen(session, viewer.id, key)
    if done is None or done.comment_id is None:
        return None
    return comment_answer(session, settings(), viewer, written_of(session, viewer, done.comment_id))
