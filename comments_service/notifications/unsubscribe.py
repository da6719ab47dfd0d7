"""Unsubscribing from a mail without logging in: a signed link, and RFC 8058's one-click POST.

The token names a person and the kinds of notification a mail carried; it is signed with the secret key
(itsdangerous, which Flask ships) and dated by the service's clock, and holds for ``MAX_AGE``. Opening the
link shows a page with one button (a GET changes nothing, so link checkers in mail filters unsubscribe
nobody); the button and a mail client's one-click POST set those kinds' delivery to never. The token is the
only credential, so the POST needs neither a session nor a CSRF token.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, request
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import select

from .. import db
from ..clock import utcnow
from ..config import MAIL_LANGUAGES, Settings
from ..errors import ApiError
from ..identity import settings as current_settings
from ..models import Person
from .mail.texts import kinds_phrase, text
from .models import Delivery
from .preferences import MAILED_KINDS, set_preference

MAX_AGE = dt.timedelta(days=90)
"""A mail's unsubscribe link works this long: a quarter covers the mail people dig up later."""
SALT = "plein.unsubscribe"

bp = Blueprint("unsubscribe", __name__, template_folder="templates")


class _ClockSigner(TimestampSigner):
    """Dates tokens by the service's clock, so expiry follows the clock the tests control."""

    def get_timestamp(self) -> int:
        return int(utcnow().timestamp())


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.secret_key, salt=SALT, signer=_ClockSigner)


def unsubscribe_url(settings: Settings, person_id: str, kinds: list[str]) -> str:
    """The absolute link (at the site's origin, where ``/api/`` is served) that unsubscribes from ``kinds``."""
    token = _serializer(settings).dumps({"p": person_id, "k": kinds})
    return f"{settings.mail_origin}/api/unsubscribe/{token}"


def read_token(settings: Settings, token: str) -> tuple[str, list[str]]:
    """The person and kinds a token names; 400 ``expired_unsubscribe_token`` or ``bad_unsubscribe_token``."""
    try:
        payload = _serializer(settings).loads(token, max_age=int(MAX_AGE.total_seconds()))
    except SignatureExpired:
        raise _error("expired_unsubscribe_token") from None
    except BadSignature:
        payload = None
    known = {kind.value for kind in MAILED_KINDS}
    if not (isinstance(payload, dict) and isinstance(payload.get("p"), str) and isinstance(payload.get("k"), list)
            and payload["k"] and all(kind in known for kind in payload["k"])):
        raise _error("bad_unsubscribe_token")
    return payload["p"], payload["k"]


def _error(code: str, status: int = 400) -> ApiError:
    """An error of this module, in both languages from its strings."""
    return ApiError(status, code, text("en", f"error.{code}"), nl=text("nl", f"error.{code}"))


def _language(person_id: str | None = None) -> str:
    """The reader's language: their mails' (their choice, else the mail language), so the page speaks as the mail
    did; without a person (a bad link), the browser's choice, else the mail language."""
    if person_id is not None:
        chosen = (db.session().scalar(select(Person.language).where(Person.id == person_id)) or "")[:2].lower()
        return chosen if chosen in MAIL_LANGUAGES else current_settings().mail.language
    return request.accept_languages.best_match(MAIL_LANGUAGES) or current_settings().mail.language


def _read(token: str) -> tuple[str, list[str]]:
    """The token's person (who must still exist) and kinds."""
    person_id, kinds = read_token(current_settings(), token)
    if db.session().get(Person, person_id) is None:
        raise _error("person_not_found", 404)
    return person_id, kinds


def _page(language: str, message: str, status: int = 200, action: str | None = None) -> Response:
    """The page in the site's frame, in ``language`` (the frame's own words stay the site's)."""
    from ..pages.html import render  # here: the pages import this package's modules

    return render("unsubscribe.html", text(language, "page.title"), status, language=language, message=message,
                  action=action, button=text(language, "page.button"))


def _error_page(error: ApiError) -> Response:
    language = _language()
    return _page(language, error.message_for(language), error.status)


def _wants_html() -> bool:
    """A browser (the page's button) rather than a mail client's one-click POST or an API client."""
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"


@bp.get("/unsubscribe/<token>")
def confirm(token: str) -> Response:
    """A page that asks whether to stop the mail (a GET changes nothing); a readable 400 for a bad link."""
    try:
        person_id, kinds = _read(token)
    except ApiError as error:
        return _error_page(error)
    language = _language(person_id)
    return _page(language, text(language, "page.question", kinds=kinds_phrase(language, kinds)),
                 action=request.path)


@bp.post("/unsubscribe/<token>")
def unsubscribe(token: str) -> Response | dict[str, object]:
    """Set the token's kinds to never: the page's button (answered in HTML) or one-click (answered in JSON)."""
    html = _wants_html()
    try:
        person_id, kinds = _read(token)
    except ApiError as error:
        if html:
            return _error_page(error)
        raise
    with db.transaction() as session:
        for kind in kinds:
            set_preference(session, person_id, kind, Delivery.NEVER.value)
    if html:
        language = _language(person_id)
        return _page(language, text(language, "page.done", kinds=kinds_phrase(language, kinds)))
    return {"unsubscribed": kinds}
