"""Writes that are safe to send again: a client whose answer was lost sends the same ``Idempotency-Key``.

The key is stored with the person and what the write made, in the write's own transaction, so a write that
committed (its answer lost on the way, or in doubt on PostgreSQL) is never done twice: the same request again
gets the first one's answer. Keys are kept for ``KEPT``; each new key clears its person's expired ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import request
from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..errors import ApiError
from ..models import IDEMPOTENCY_KEY_MAX, IdempotencyKey

HEADER = "Idempotency-Key"
KEPT = dt.timedelta(hours=24)
"""How long a key holds: far longer than any client retries, short enough that the table stays small."""

_SEEN = select(IdempotencyKey.comment_id).where(
    IdempotencyKey.person_id == bindparam("person_id"), IdempotencyKey.key == bindparam("key"),
    IdempotencyKey.created > bindparam("since"),
)
_EXPIRED = delete(IdempotencyKey).where(
    IdempotencyKey.person_id == bindparam("person_id"), IdempotencyKey.created <= bindparam("since")
)
_REMEMBER = insert(IdempotencyKey)


@dataclass(frozen=True)
class Seen:
    """A key already used: the comment its write made (``None`` for a reaction)."""

    comment_id: int | None


def offered_key() -> str | None:
    """The request's ``Idempotency-Key`` (visible ASCII, at most 64 characters), or ``None``; 400 otherwise."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not (0 < len(key) <= IDEMPOTENCY_KEY_MAX and key.isascii() and key.isprintable() and " " not in key):
        raise ApiError(400, "bad_idempotency_key",
                       f"{HEADER} is 1 to {IDEMPOTENCY_KEY_MAX} visible ASCII characters, without spaces.",
                       nl=f"{HEADER} is 1 tot {IDEMPOTENCY_KEY_MAX} zichtbare ASCII-tekens, zonder spaties.")
    return key


def seen(session: Session, person_id: str, key: str) -> Seen | None:
    """What the write with this key made, if it was done within ``KEPT``."""
    row = session.connection().execute(
        _SEEN, {"person_id": person_id, "key": key, "since": utcnow() - KEPT}
    ).first()
    return Seen(row.comment_id) if row is not None else None


def remember(session: Session, person_id: str, key: str, comment_id: int | None = None) -> None:
    """Store the key with the write (the caller's transaction); the person's expired keys go."""
    now = utcnow()
    connection = session.connection()
    connection.execute(_EXPIRED, {"person_id": person_id, "since": now - KEPT})
    connection.execute(_REMEMBER, {"person_id": person_id, "key": key, "comment_id": comment_id, "created": now})
