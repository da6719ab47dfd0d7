"""Reading requests: JSON objects only, with typed fields; every mistake is a 4xx.

No text may hold the NUL character (U+0000), in a body, a path or a query string: PostgreSQL's text cannot
store it, and SQLite's functions stop at it; both databases refuse it the same way, with a 400. Nor a lone
surrogate (U+D800 to U+DFFF without its pair, which JSON can carry escaped, ``"\ud800"``): no UTF-8 text can
hold one, so the sanitizer and both databases would fail on it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from flask import request
from werkzeug.exceptions import RequestEntityTooLarge

from ..errors import ApiError
from ..models import ID_MAX

PAGE_MAX_DIGITS = 6
_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
"""How a surrogate reaches a JSON body (raw ones are not UTF-8, so the JSON decoder already refuses them)."""
_SURROGATE = re.compile("[\ud800-\udfff]")


def json_object(max_bytes: int | None = None, too_large: ApiError | None = None) -> dict[str, Any]:
    """The body as a JSON object: 415 when it isn't JSON, 400 when it is malformed or not an object,
    413 when larger than ``max_bytes`` (default: ``PLEIN_MAX_REQUEST_BYTES``): ``too_large`` when given, so a
    100 KB comment is told what a 10 KB one is."""
    if max_bytes is not None:
        request.max_content_length = max_bytes
    if request.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "Send the body as application/json.",
                       nl="Stuur de inhoud als application/json.")
    try:
        raw = request.get_data(cache=True)
        if request.content_length is None and _cut_at_the_limit(raw):
            raise RequestEntityTooLarge()
    except RequestEntityTooLarge:
        if too_large is None:
            raise
        raise too_large from None
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json", "The body is not valid JSON.", nl="De inhoud is geen geldige JSON.") from None
    except RecursionError:
        raise ApiError(400, "invalid_json", "The body is nested too deeply.", nl="De inhoud is te diep genest.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_body", "The body must be a JSON object.", nl="De inhoud moet een JSON-object zijn.")
    # JSON can carry NUL and lone surrogates only escaped: look closer only then.
    if b"\\u0000" in raw or _ESCAPED_SURROGATE.search(raw):
        _refuse_unstorable_text(body)
    return body


def _cut_at_the_limit(raw: bytes) -> bool:
    """A chunked body (no Content-Length) is read up to the size limit and silently cut there: it was too large
    when it filled the limit and the client's stream still holds more."""
    limit = request.max_content_length
    return limit is not None and len(raw) >= limit and bool(request.environ["wsgi.input"].read(1))


def _nul_refused() -> ApiError:
    return ApiError(400, "nul_character", "Text may not contain the NUL character (U+0000).",
                    nl="Tekst mag het NUL-teken (U+0000) niet bevatten.")


def _refuse_unstorable_text(value: object) -> None:
    """400 when a string in a parsed JSON value (keys included) holds NUL or a lone surrogate; a loop, since
    JSON nests deep."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise _nul_refused()
            if _SURROGATE.search(item):
                raise ApiError(400, "lone_surrogate", "Text may not contain a lone surrogate (U+D800 to U+DFFF).",
                               nl="Tekst mag geen losse surrogaat (U+D800 tot U+DFFF) bevatten.")
        elif isinstance(item, dict):
            pending.extend(item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


def refuse_nul_in_address() -> None:
    """Before every API request: a NUL in the path or the query string gets the same 400 as one in a body.

    Read from the WSGI environment, whose path the server has already decoded (`request.path` would decode it
    again, at a few microseconds a request)."""
    environ = request.environ
    if "\x00" in environ.get("PATH_INFO", "") or "%00" in environ.get("QUERY_STRING", ""):
        raise _nul_refused()


def string_field(body: dict[str, Any], name: str) -> str:
    """A required string field (null is no string)."""
    if name not in body:
        raise ApiError(400, "missing_field", f"The field {name!r} is required.", nl=f"Het veld {name!r} is verplicht.")
    value = optional_string_field(body, name)
    if value is None:
        raise _not_text(name)
    return value


def optional_string_field(body: Mapping[str, Any], name: str) -> str | None:
    """An optional string field (``None`` when absent or null)."""
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise _not_text(name)
    return value


def _not_text(name: str) -> ApiError:
    return ApiError(400, "wrong_type", f"The field {name!r} must be a string.", nl=f"Het veld {name!r} moet tekst zijn.")


def flag_field(body: Mapping[str, Any], name: str) -> bool:
    """An optional true/false field (false when absent)."""
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise ApiError(400, "wrong_type", f"The field {name!r} must be true or false.",
                       nl=f"Het veld {name!r} moet true of false zijn.")
    return value


def optional_id_field(body: dict[str, Any], name: str) -> int | None:
    """An optional field holding an id (an integer from 1 to ``ID_MAX``; ``true`` is not one) or null."""
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= ID_MAX:
        raise ApiError(400, "wrong_type", f"The field {name!r} must be an integer from 1 to {ID_MAX}, or null.",
                       nl=f"Het veld {name!r} moet een geheel getal van 1 tot en met {ID_MAX} zijn, of null.")
    return value


def page_number(values: Mapping[str, str] | None = None) -> int:
    """``?page=`` (or a form's ``page`` field; 1 when absent); 400 for anything but a whole number from 1."""
    raw = (request.args if values is None else values).get("page", "1")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > PAGE_MAX_DIGITS or int(raw) < 1:
        raise ApiError(400, "bad_page", "page is a whole number from 1.", nl="page is een geheel getal vanaf 1.")
    return int(raw)
