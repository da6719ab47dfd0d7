"""Who is asking: the single sign-on proxy's headers, a demo login, or nobody.

The identity headers are believed only when the request comes from a configured proxy address or
carries the proxy's shared secret; from anywhere else they are ignored and the request is anonymous
(read only). The demo login exists only when ``PLEIN_DEMO`` is on.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from flask import Flask, Request, Response, current_app, g, request, session
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin

from .config import Network, Settings, group_names
from .models import EMAIL_MAX, NAME_MAX, PERSON_ID_MAX

PROXY_SECRET_HEADER = "X-Plein-Proxy-Secret"
DEMO_SESSION_KEY = "plein_demo"
DEMO_ID_PREFIX = "demo:"
MAX_NAME_LENGTH = 80


@dataclass(frozen=True)
class Viewer:
    """An identified person and what their groups make them."""

    id: str
    name: str
    email: str | None
    roles: tuple[str, ...]
    demo: bool = False
    groups: frozenset[str] = frozenset()
    department: str | None = None

    @property
    def is_moderator(self) -> bool:
        """Moderators (and admins) hide and restore comments."""
        return "moderator" in self.roles

    def has_role(self, role: str) -> bool:
        """Whether the viewer has ``role`` (admins have every role)."""
        return role in self.roles or "admin" in self.roles

    def as_json(self) -> dict[str, object]:
        """The ``Viewer`` of the API contract."""
        return {"id": self.id, "name": self.name, "roles": list(self.roles)}


class CookieSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, minus their work on requests that carry no session cookie.

    Only a demo login has a session, so nearly every request comes without one; for those Flask would still
    build a signing serializer to open an empty session, then look up six cookie settings to save nothing.
    """

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """An empty session straight away when there is no cookie to read."""
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Nothing to do for a session that is empty and was never touched (no cookie, no ``Vary``)."""
        if session or session.accessed or session.modified:
            super().save_session(app, session, response)


def settings() -> Settings:
    """The app's parsed settings."""
    return current_app.extensions["plein"]


def roles_for(person_id: str, groups: frozenset[str], config: Settings, *, demo: bool = False) -> tuple[str, ...]:
    """member always; moderator and admin from groups, admin also from ``PLEIN_ADMINS``; the group roles
    (communication, management, community_manager) from their groups or ``PLEIN_<ROLE>_PEOPLE`` (for sign-ins
    that carry no groups), and for a demo login from ``PLEIN_DEMO_ROLES``."""
    admin = person_id in config.admins or bool(groups & config.admin_groups)
    moderator = admin or bool(groups & config.moderator_groups)
    granted = tuple(
        role for role, role_groups in config.role_groups.items()
        if groups & role_groups or person_id in config.role_people[role] or (demo and role in config.demo_roles)
    )
    return ("member",) + (("moderator",) if moderator else ()) + (("admin",) if admin else ()) + granted


def _header(name: str) -> str | None:
    """A header value as the proxy meant it: WSGI decodes bytes as Latin-1, proxies send UTF-8.

    A value holding NUL (which no database text keeps) counts as absent.
    """
    value = request.headers.get(name)
    if value is None or "\x00" in value:
        return None
    try:
        value = value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return value.strip() or None


def _from_trusted_proxy(config: Settings) -> bool:
    """The request's peer is a configured proxy, or it carries the right shared secret."""
    if config.proxy_secret:
        offered = request.headers.get(PROXY_SECRET_HEADER)
        if offered is not None and hmac.compare_digest(offered.encode(), config.proxy_secret.encode()):
            return True
    if not config.trusted_proxies or not request.remote_addr:
        return False
    return _in_networks(request.remote_addr, config.trusted_proxies)


@lru_cache(maxsize=256)
def _in_networks(address: str, networks: tuple[Network, ...]) -> bool:
    """Whether ``address`` lies in one of ``networks``; remembered, as every request asks about the few proxies."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in networks)


def _from_headers(config: Settings) -> Viewer | None:
    """The viewer the SSO proxy names, if the request really comes through the proxy."""
    if not _from_trusted_proxy(config):
        return None
    person_id = _header(config.header_user)
    if not person_id or len(person_id) > PERSON_ID_MAX:
        return None
    email = (_header(config.header_email) or "").lower() or None  # one person, one address, whatever the case
    groups_header = _header(config.header_groups) or ""
    groups = frozenset(group[:NAME_MAX] for group in group_names(groups_header))
    return Viewer(
        id=person_id,
        name=(_header(config.header_name) or person_id)[:NAME_MAX],
        email=email if email and len(email) <= EMAIL_MAX else None,
        roles=roles_for(person_id, groups, config),
        groups=groups,
        department=(_header(config.header_department) or "")[:NAME_MAX] or None,
    )


def _from_demo_session(config: Settings) -> Viewer | None:
    """The viewer of a demo login (demo mode only)."""
    # Only look at the cookie when one was sent: touching the session adds "Vary: Cookie".
    if not config.demo or current_app.config["SESSION_COOKIE_NAME"] not in request.cookies:
        return None
    stored = session.get(DEMO_SESSION_KEY)
    if not isinstance(stored, dict) or not isinstance(stored.get("id"), str):
        return None
    kept = stored.get("groups")
    groups = frozenset(group for group in kept if isinstance(group, str)) if isinstance(kept, list) else frozenset()
    return _demo_viewer(stored["id"], str(stored.get("name") or stored["id"]), config, groups)


def _demo_viewer(person_id: str, name: str, config: Settings, kept: frozenset[str] = frozenset()) -> Viewer:
    """A demo login: a member of ``PLEIN_DEMO_GROUPS`` and ``PLEIN_DEMO_DEPARTMENTS``, and of the groups ``kept``
    (the person's own when the login began), with ``PLEIN_DEMO_ROLES``."""
    groups = frozenset(config.demo_groups) | frozenset(config.demo_departments) | kept
    return Viewer(id=person_id, name=name, email=_demo_email(person_id, config),
                  roles=roles_for(person_id, groups, config, demo=True), demo=True, groups=groups)


def _from_login_session(config: Settings) -> Viewer | None:
    """The viewer of an OpenID Connect login (``comments_service.oidc``) while it lasts."""
    if config.oidc is None or current_app.config["SESSION_COOKIE_NAME"] not in request.cookies:
        return None
    from .oidc.login import current  # here, not above: the oidc package's views import this module

    stored = current()
    if stored is None:
        return None
    groups = frozenset(stored.get("groups") or ())
    return Viewer(
        id=stored["id"], name=stored["name"], email=stored.get("email"),
        roles=roles_for(stored["id"], groups, config), groups=groups, department=stored.get("department"),
    )


def current_viewer() -> Viewer | None:
    """The request's viewer, resolved once per request: the proxy's headers, else a login, else a demo session."""
    if "plein_viewer" not in g:
        config = settings()
        g.plein_viewer = _from_headers(config) or _from_login_session(config) or _from_demo_session(config)
    return g.plein_viewer


def demo_person(name: str) -> tuple[str, str]:
    """The id and display name a demo login with ``name`` gets (same name, same person)."""
    display = " ".join(name.split())[:MAX_NAME_LENGTH]
    folded = unicodedata.normalize("NFKD", display.casefold())
    slug = re.sub(r"[^a-z0-9]+", "-", folded.encode("ascii", "ignore").decode()).strip("-")
    return DEMO_ID_PREFIX + (slug or "anonymous"), display


def demo_address(person_id: str) -> str:
    """A demo login's e-mail address, in the reserved domain ``.invalid``, which no mail reaches."""
    return f"{person_id.removeprefix(DEMO_ID_PREFIX)}@demo.invalid"


def _demo_email(person_id: str, config: Settings) -> str | None:
    """A demo login has an address where a mail drop (``PLEIN_MAIL_DROP``) keeps the mail, so the demo shows what
    Plein would send them; none elsewhere (an SMTP server would only refuse it)."""
    return demo_address(person_id) if config.mail.drop is not None else None


DEMO_GROUPS_KEPT = 20
"""At most so many of a person's own groups ride along in a demo login's cookie."""


def demo_login(name: str, groups_of: Callable[[str], frozenset[str]]) -> Viewer:
    """Start a demo session for ``name`` (a signed cookie) and return the new viewer.

    A person the service knows (a colleague of the demo's history) keeps the groups ``groups_of`` their id gives,
    besides the demo's: signing in as a colleague of Team IT is being them, with their team's pages."""
    person_id, display = demo_person(name)
    kept = frozenset(sorted(groups_of(person_id))[:DEMO_GROUPS_KEPT])
    session[DEMO_SESSION_KEY] = {"id": person_id, "name": display, "groups": sorted(kept)}
    viewer = _demo_viewer(person_id, display, settings(), kept)
    g.plein_viewer = viewer
    return viewer


def demo_logout() -> None:
    """End the demo session."""
    session.pop(DEMO_SESSION_KEY, None)
    g.plein_viewer = None
