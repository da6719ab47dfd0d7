"""Who a login makes the viewer: the claims of the ID token and the userinfo answer, kept in the session.

The session cookie is signed (Flask), so the browser can read but not change it. It holds the person's id
(``sub``), name, e-mail address, groups and department, and the moment the login ends: after
``PLEIN_OIDC_SESSION_HOURS`` the viewer is anonymous again and signs in anew.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flask import session

from ..clock import utcnow
from ..config import OidcSettings
from ..models import EMAIL_MAX, NAME_MAX, PERSON_ID_MAX

SESSION_KEY = "plein_oidc"


class UnusableClaims(ValueError):
    """The provider named nobody Plein can store (no ``sub``, or one too long)."""


def _groups(value: object) -> frozenset[str]:
    """A groups claim: a list of names, or one name."""
    names = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return frozenset(str(name).strip()[:NAME_MAX] for name in names if str(name).strip())


def start(claims: Mapping[str, Any], settings: OidcSettings) -> str:
    """Keep the person the claims name in the session until the login ends; returns their id."""
    person_id = claims.get("sub")
    if not isinstance(person_id, str) or not person_id or len(person_id) > PERSON_ID_MAX or "\x00" in person_id:
        raise UnusableClaims("the provider's answer names no usable subject")
    email = str(claims.get("email") or "").lower()
    ends = utcnow() + dt.timedelta(hours=settings.session_hours)
    session[SESSION_KEY] = {
        "id": person_id,
        "name": str(claims.get("name") or claims.get("preferred_username") or person_id)[:NAME_MAX],
        "email": email if 0 < len(email) <= EMAIL_MAX and claims.get("email_verified", True) is not False else None,
        "groups": sorted(_groups(claims.get(settings.groups_claim))),
        "department": str(claims.get(settings.department_claim) or "")[:NAME_MAX] or None,
        "ends": ends.timestamp(),
    }
    return person_id


def current() -> dict[str, Any] | None:
    """The session's login while it lasts, else ``None`` (an ended login is dropped from the session)."""
    stored = session.get(SESSION_KEY)
    if not isinstance(stored, dict) or not isinstance(stored.get("id"), str):
        return None
    if utcnow().timestamp() >= float(stored.get("ends", 0)):
        session.pop(SESSION_KEY, None)
        return None
    return stored


def end() -> None:
    """Forget the login (logout)."""
    session.pop(SESSION_KEY, None)
