"""The people API: colleagues for the @ autocomplete, and the viewer's own profile and privacy choice."""

from __future__ import annotations

from flask import Blueprint, request

from .. import db
from ..api.payload import json_object
from ..config import MAIL_LANGUAGES
from ..errors import ApiError
from ..identity import settings
from ..models import Person
from ..security import require_viewer, require_writer
from .directory import suggest
from .visits import record_visit

bp = Blueprint("people", __name__)


@bp.get("/people")
def colleagues() -> dict[str, object]:
    """``/api/people?q=an``: up to eight colleagues whose name starts so, department accounts first (signed-in
    viewers only)."""
    require_viewer()
    found = suggest(db.session(), request.args.get("q", ""), settings().departments)
    return {"people": [colleague.as_json() for colleague in found]}


@bp.get("/me/profile")
def profile() -> dict[str, object]:
    """What the service keeps of the viewer's profile and their privacy choice."""
    viewer = require_viewer()
    record_visit(viewer)
    person = db.session().get(Person, viewer.id)
    assert person is not None  # record_visit stored it
    return _profile_json(person)


@bp.patch("/me/profile")
def change_profile() -> dict[str, object]:
    """Choose low profile (``true``/``false``) and the language of mails (``nl``/``en``)."""
    viewer = require_writer()
    body = json_object()
    record_visit(viewer)
    with db.transaction() as session:
        person = session.get(Person, viewer.id)
        assert person is not None
        if "low_profile" in body:
            if not isinstance(body["low_profile"], bool):
                raise ApiError(400, "wrong_type", "low_profile is true or false.", nl="low_profile is true of false.")
            person.low_profile = body["low_profile"]
        if "language" in body:
            if body["language"] not in MAIL_LANGUAGES:
                raise ApiError(400, "unknown_language", "Choose nl or en.", nl="Kies nl of en.")
            person.language = body["language"]
        answer = _profile_json(person)
    return answer


def _profile_json(person: Person) -> dict[str, object]:
    return {"id": person.id, "name": person.name, "department": person.department, "email": person.email,
            "language": person.language, "low_profile": person.low_profile}
