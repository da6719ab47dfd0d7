"""The questions API: the queues, marking the best answer, and the figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from flask import Blueprint, request

from .. import db
from ..api.payload import json_object, optional_id_field, page_number
from ..errors import ApiError
from ..identity import current_viewer, settings
from ..security import require_viewer, require_writer
from . import figures
from .queue import Filters, Listing, listing
from .services import mark_best

bp = Blueprint("questions", __name__)
FILTER_MAX = 255


def filters_of(values: Mapping[str, str]) -> Filters:
    """``section``, ``hashtag`` and ``owner`` from a query string or form (400 when one is absurdly long)."""
    found = {name: values.get(name, "").strip() for name in ("section", "hashtag", "owner")}
    for name, value in found.items():
        if len(value) > FILTER_MAX:
            raise ApiError(400, "filter_too_long", f"{name} has at most {FILTER_MAX} characters.",
                           nl=f"{name} heeft hoogstens {FILTER_MAX} tekens.")
    return Filters(**found)


def _list(which: Listing) -> dict[str, object]:
    viewer = current_viewer() if which is Listing.OPEN else require_viewer()
    page = page_number()
    entries, pages = listing(db.session(), settings().site_root, which, viewer, filters_of(request.args), page)
    return {"questions": [entry.as_json() for entry in entries], "page": page, "pages": pages}


@bp.get("/questions")
def queue() -> dict[str, object]:
    """Every open question of the site, oldest first; ``?section=&hashtag=&owner=&page=``."""
    return _list(Listing.OPEN)


@bp.get("/questions/mine")
def mine() -> dict[str, object]:
    """The viewer's own questions, newest first, in every state."""
    return _list(Listing.MINE)


@bp.get("/questions/my-pages")
def my_pages() -> dict[str, object]:
    """Open questions on pages the viewer owns, oldest first."""
    return _list(Listing.MY_PAGES)


@bp.post("/questions/<int:question_id>/best")
def mark(question_id: int) -> dict[str, object]:
    """Mark ``answer_id`` (a reply to the question) the best answer; again with another changes it."""
    viewer = require_writer()
    answer_id = optional_id_field(json_object(), "answer_id")
    if answer_id is None:
        raise ApiError(400, "missing_field", "The field 'answer_id' is required.",
                       nl="Het veld 'answer_id' is verplicht.")
    return db.retried(lambda session: mark_best(session, viewer, question_id, answer_id)).as_json()


@bp.delete("/questions/<int:question_id>/best")
def withdraw(question_id: int) -> dict[str, object]:
    """Withdraw the best-answer mark: the question is answered (or open) again."""
    viewer = require_writer()
    return db.retried(lambda session: mark_best(session, viewer, question_id, None)).as_json()


def _moment(name: str) -> dt.datetime:
    """A date (``2026-01-01``, the day's start) or an ISO date-time from the query string, in UTC."""
    raw = request.args.get(name, "")
    try:
        moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise ApiError(400, "bad_date", f"{name} is a date (2026-01-31) or an ISO date-time.",
                       nl=f"{name} is een datum (2026-01-31) of een ISO-datum met tijd.") from None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


@bp.get("/questions/figures")
def question_figures() -> dict[str, object]:
    """The figures of questions asked from ``start`` up to ``end``, for a ``page``, ``section`` or ``hashtag``."""
    require_viewer()
    start, end = _moment("start"), _moment("end")
    if end <= start:
        raise ApiError(400, "bad_period", "end must come after start.", nl="end moet na start komen.")
    scope = filters_of(request.args)
    found = figures.compute(db.session(), settings().working_calendar, start, end,
                            page=request.args.get("page") or None, section=scope.section or None,
                            hashtag=scope.hashtag or None)
    return {"start": start.isoformat(), "end": end.isoformat(), **found.as_json()}
