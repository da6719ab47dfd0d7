"""Reading request bodies: JSON objects only, with typed fields; every mistake is a 4xx."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from ..errors import ApiError
from ..models import ID_MAX


def json_object(max_bytes: int | None = None) -> dict[str, Any]:
    """The body as a JSON object: 415 when it isn't JSON, 400 when it is malformed or not an object,
    413 when larger than ``max_bytes`` (default: ``PLEIN_MAX_REQUEST_BYTES``)."""
    if max_bytes is not None:
        request.max_content_length = max_bytes
    if request.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "Send the body as application/json.")
    try:
        body = json.loads(request.get_data(cache=True) or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json", "The body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_body", "The body must be a JSON object.")
    return body


def string_field(body: dict[str, Any], name: str) -> str:
    """A required string field."""
    if name not in body:
        raise ApiError(400, "missing_field", f"The field {name!r} is required.")
    value = body[name]
    if not isinstance(value, str):
        raise ApiError(400, "wrong_type", f"The field {name!r} must be a string.")
    return value


def optional_id_field(body: dict[str, Any], name: str) -> int | None:
    """An optional field holding an id (an integer from 1 to ``ID_MAX``; ``true`` is not one) or null."""
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= ID_MAX:
        raise ApiError(400, "wrong_type", f"The field {name!r} must be an integer from 1 to {ID_MAX}, or null.")
    return value
