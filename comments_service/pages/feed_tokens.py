"""The secret in a person's feed address: a feed reader cannot sign in, so knowing the address is the key.

Made on first use, renewed on request (the old address stops working at once), looked up by its unique index.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Person

TOKEN_BYTES = 32  # 43 URL-safe characters: unguessable, and within the column's 64


def renew(person: Person) -> str:
    """Give the person a new random token (the old one is forgotten) and return it."""
    person.feed_token = secrets.token_urlsafe(TOKEN_BYTES)
    return person.feed_token


def token_of(person: Person) -> str:
    """The person's token, made now if they have none yet."""
    return person.feed_token or renew(person)


def owner(session: Session, token: str) -> Person | None:
    """Whose feed the token opens; ``None`` for a forged or renewed-away token."""
    if not token or len(token) > 2 * TOKEN_BYTES:
        return None
    return session.scalar(select(Person).where(Person.feed_token == token))
