"""Errors as JSON: ``{"error": {"code", "message"}}`` with a 4xx status, for every /api/ answer.

Views and services raise :class:`ApiError`; Werkzeug's own HTTP errors (unknown route, wrong
method, body too large, rate limit) are turned into the same shape, so no client ever has to parse
an HTML error page.
"""

from __future__ import annotations

import re

from flask import Flask, Response, current_app, json, request
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException, InternalServerError


READER_LANGUAGES = ("en", "nl")
"""The languages of error messages; English first, so it wins when a reader names neither."""


class ApiError(Exception):
    """An answer the client caused: a status, a machine code and a sentence for people, in English and,
    with ``nl``, in Dutch; the answer carries the one in the reader's language (:func:`reader_language`)."""

    def __init__(self, status: int, code: str, message: str, *, nl: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.messages = {"en": message, "nl": nl or message}

    def message_for(self, language: str) -> str:
        """The sentence in ``language`` (English when there is none in it)."""
        return self.messages.get(language, self.message)


def reader_language() -> str:
    """The reader's language: the widget and the service's pages send the page's own in ``Accept-Language``."""
    return request.accept_languages.best_match(READER_LANGUAGES) or "en"


def error_response(status: int, code: str, message: str) -> Response:
    """The JSON error answer."""
    body = json.dumps({"error": {"code": code, "message": message}})
    return Response(body, status=status, mimetype="application/json")


DUTCH_HTTP_MESSAGES: dict[int, str] = {
    400: "Dit verzoek klopt niet.",
    404: "Op dit adres is niets te vinden.",
    405: "Dit adres aanvaardt deze methode niet.",
    413: "Het verzoek is te groot.",
    429: "Te veel schrijfacties na elkaar; probeer het over {wait} s opnieuw.",
    500: "Er ging iets mis in de reactieservice; probeer het later opnieuw.",
}
"""Werkzeug's own errors that reach readers, in Dutch (its English descriptions serve English readers)."""


def http_message(exception: HTTPException, language: str) -> str:
    """The sentence for one of Werkzeug's errors in ``language``; a 429 names the wait its ``Retry-After`` gives."""
    dutch = DUTCH_HTTP_MESSAGES.get(exception.code or 500)
    if language != "nl" or dutch is None:
        return exception.description or ""
    return dutch.format(wait=exception.get_response().headers.get("Retry-After", "60"))


def _code_for(exception: HTTPException) -> str:
    """``Method Not Allowed`` becomes ``method_not_allowed``."""
    return re.sub(r"[^a-z0-9]+", "_", (exception.name or "error").lower()).strip("_")


def _handle_api_error(error: ApiError) -> Response:
    return error_response(error.status, error.code, error.message_for(reader_language()))


def _handle_http_exception(exception: HTTPException) -> Response | HTTPException:
    """JSON for /api/ paths; other paths (the site served by the dev server) keep Werkzeug's page."""
    if not request.path.startswith("/api/"):
        return exception
    response = exception.get_response()
    answer = error_response(exception.code or 500, _code_for(exception), http_message(exception, reader_language()))
    for header in ("Allow", "Retry-After", "WWW-Authenticate"):
        if header in response.headers:
            answer.headers[header] = response.headers[header]
    return answer


def _handle_integrity_error(error: IntegrityError) -> Response:
    """Two requests raced for the same unique row (say, the same reaction twice at once)."""
    return _handle_api_error(ApiError(409, "conflict", "Another request changed this at the same moment; try again.",
                                      nl="Een ander verzoek veranderde dit op hetzelfde moment; probeer het opnieuw."))


def _handle_unexpected(exception: Exception) -> Response | HTTPException:
    """A bug: logged with its traceback, answered without details."""
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return _handle_http_exception(InternalServerError())


def register(app: Flask) -> None:
    """Install the handlers on ``app``."""
    app.register_error_handler(ApiError, _handle_api_error)
    app.register_error_handler(HTTPException, _handle_http_exception)
    app.register_error_handler(IntegrityError, _handle_integrity_error)
    app.register_error_handler(Exception, _handle_unexpected)
