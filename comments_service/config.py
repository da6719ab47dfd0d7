"""Settings of the comments service, read once when the app is created.

Every setting comes from an environment variable with the prefix ``PLEIN_`` (documented in
``docs/service.md``) or from the mapping given to :func:`comments_service.create_app`, which wins.
Values are parsed and validated here, once, so that no request ever parses configuration again.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .config_values import (
    ConfigError,
    Network,
    flag_setting,
    integer_setting,
    list_setting,
    networks_setting,
    text_setting,
)
from .models import EMOJI_MAX, NAME_MAX
from .search.sqlite_schema import fts5_available
from .workdays import WorkingCalendar, working_calendar_setting

DEFAULT_EMOJI = ("👍", "❤️", "🎉", "💡", "👏")
SEARCH_INDEXERS = ("inline", "external")
"""Who writes the search index: the service's own processes (threads in each) or `flask search-indexer`."""
SEARCH_BACKENDS = ("sqlite", "whoosh", "postgres")
"""Where search lives: SQLite's full text in the service's database, a Whoosh index in files on each host, or
PostgreSQL's full text in the database."""
SMTP_SECURITY = {"starttls": 587, "tls": 465, "none": 25}
"""How the SMTP connection is protected, with each one's usual port."""
MAIL_LANGUAGES = ("nl", "en")
GROUP_ROLES = ("communication", "management", "community_manager")
"""Roles given by membership of configured groups (``PLEIN_<ROLE>_GROUPS``), besides moderator and admin:
communication posts announcements and sees reach and figures, management sees figures, community managers
hear of questions nobody answers."""
JOBS_SCHEMES = ("sqlite:///", "redis://", "rediss://")


@dataclass(frozen=True)
class MailSettings:
    """How mail goes out (``PLEIN_SMTP_*``, ``PLEIN_MAIL_*``): to the SMTP server, or kept in a drop folder
    (``PLEIN_MAIL_DROP``, for demos and trials); with neither, no mail is sent."""

    smtp_host: str | None
    smtp_port: int
    smtp_security: str
    smtp_user: str | None
    smtp_password: str | None
    sender: str
    language: str  # of people who chose none
    digest_hour: int
    timezone: ZoneInfo  # of the digest hour
    drop: Path | None = None  # a Maildir that keeps the mail instead of an SMTP server


@dataclass(frozen=True)
class OidcSettings:
    """OpenID Connect login (``PLEIN_OIDC_*``), for installs without a single sign-on proxy in front."""

    issuer: str  # discovery at <issuer>/.well-known/openid-configuration
    client_id: str
    client_secret: str
    scopes: str
    groups_claim: str
    department_claim: str
    session_hours: int  # a login lasts at most this long, whatever the provider's tokens say


@dataclass(frozen=True)
class Settings:
    """The parsed configuration; stored in ``app.extensions["plein"]``."""

    database_url: str
    secret_key: str
    trusted_proxies: tuple[Network, ...]
    proxy_secret: str | None
    header_user: str
    header_name: str
    header_email: str
    header_groups: str
    header_department: str
    moderator_groups: frozenset[str]
    admin_groups: frozenset[str]
    admins: frozenset[str]
    role_groups: Mapping[str, frozenset[str]]
    role_people: Mapping[str, frozenset[str]]  # person ids with the role whatever their groups, as ``admins``
    demo: bool
    demo_roles: tuple[str, ...]
    site_dir: Path
    site_url: str
    search_dir: Path
    search_indexer: str
    search_backend: str
    emoji: tuple[str, ...]
    ratelimit_write: str
    ratelimit_storage: str
    ratelimit_enabled: bool
    comment_min_length: int
    comment_max_length: int
    max_request_bytes: int
    max_sync_bytes: int
    sync_token: str | None
    auto_migrate: bool
    thread_cache_bytes: int
    mail: MailSettings
    jobs_url: str
    oidc: OidcSettings | None
    departments: Mapping[str, str] = field(default_factory=dict)
    """Groups that are department accounts (``PLEIN_DEPARTMENTS``): group id -> display name."""
    demo_departments: tuple[str, ...] = ()
    """Departments every demo login is a member of (``PLEIN_DEMO_DEPARTMENTS``)."""
    demo_groups: tuple[str, ...] = ()
    """Groups every demo login is a member of (``PLEIN_DEMO_GROUPS``), so a demo shows what a page's owners see."""
    thread_page_size: int = 50
    """Comments in one answer of a thread (``PLEIN_THREAD_PAGE_SIZE``): the newest, each with the comments it
    answers; older ones come a page at a time, so a long conversation never loads whole."""
    deleted_retention_days: int = 30
    """Days a comment its author removed keeps its text (for moderation) before it is purged
    (``PLEIN_DELETED_RETENTION_DAYS``; 0 purges at the next run)."""
    question_escalate_after: int = 24
    """Working hours (weekends and public holidays skipped, in the mail time zone) a question waits for an answer
    by someone other than its asker before its page's owners hear of it (``PLEIN_QUESTION_ESCALATE_AFTER``; one
    working day)."""
    question_escalate_managers_after: int = 24
    """Working hours after that before the community managers hear of it
    (``PLEIN_QUESTION_ESCALATE_MANAGERS_AFTER``)."""
    working_calendar: WorkingCalendar = WorkingCalendar(ZoneInfo("Europe/Amsterdam"), "NL")
    """Which days are worked, in the mail time zone: for a question's working hours and the monthly report's day
    (``PLEIN_HOLIDAYS``: the country whose public holidays are no working days; ``PLEIN_DAYS_OFF``: the
    organisation's own days off; ``PLEIN_HOLIDAYS_WORKED``: public holidays it works all the same)."""

    @cached_property
    def fingerprint(self) -> str:
        """A short digest of the settings that shape a thread's answer (part of its ETag)."""
        shape = "\x00".join(
            (self.site_url, " ".join(self.emoji), str(self.demo), str(self.thread_page_size), self.secret_key))
        return hashlib.blake2b(shape.encode(), digest_size=6).hexdigest()

    @cached_property  # read by every write and thread answer; the settings never change
    def site_root(self) -> str:
        """The path of the site root (``/`` or ``/intranet/``), the prefix of page URLs and permalinks."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @cached_property
    def site_origin(self) -> str | None:
        """``scheme://host[:port]`` of the site when ``PLEIN_SITE_URL`` is absolute, else ``None``."""
        parts = urlsplit(self.site_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None

    @property
    def mail_origin(self) -> str:
        """What the links in mail start with: the site's origin (SMTP needs one), or nothing for mail kept in a
        drop, read on the site itself (``me/mail/``), where links relative to it work."""
        return self.site_origin or ""


def _secret_key(values: Mapping[str, object], instance_path: Path, database_url: str) -> str:
    """The configured secret, else (SQLite only) one generated once and kept in the instance folder.

    Keeping it in a file (rather than a random value per process) lets every gunicorn worker on a
    host sign and check the same CSRF tokens and demo cookies. A PostgreSQL database is shared by hosts
    and job workers that each have an instance folder of their own: each would generate its own key, a mail's
    unsubscribe link or a login made by one would be refused by the others, and analytics, whose reader
    counts hash ids with the key, would count a reader once per host.
    """
    configured = text_setting(values, "PLEIN_SECRET_KEY")
    if configured:
        return configured
    if database_url.startswith("postgresql"):
        raise ConfigError(
            "PLEIN_SECRET_KEY must be set when PLEIN_DATABASE_URL names PostgreSQL, the same value for every host "
            "and job worker (a key generated per host would sign unsubscribe links and logins the others refuse)"
        )
    path = instance_path / "secret_key"
    try:
        instance_path.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(48))
    except FileExistsError:
        pass
    return path.read_text(encoding="ascii").strip()


def _search_backend(values: Mapping[str, object], database_url: str) -> str:
    """`PLEIN_SEARCH_BACKEND`: by default the SQLite database's own full text (FTS5, where this SQLite has it), else
    Whoosh; `sqlite` and `postgres` search the service's own database, so it must be of that kind."""
    sqlite_with_fts5 = database_url.startswith("sqlite") and fts5_available()
    default = "sqlite" if sqlite_with_fts5 else "whoosh"
    backend = (text_setting(values, "PLEIN_SEARCH_BACKEND", default) or default).lower()
    if backend not in SEARCH_BACKENDS:
        raise ConfigError(f"PLEIN_SEARCH_BACKEND must be one of {', '.join(SEARCH_BACKENDS)}, not {backend!r}")
    if backend == "postgres" and not database_url.startswith("postgresql"):
        raise ConfigError("PLEIN_SEARCH_BACKEND=postgres needs PLEIN_DATABASE_URL to name a PostgreSQL database")
    if backend == "sqlite" and not sqlite_with_fts5:
        raise ConfigError("PLEIN_SEARCH_BACKEND=sqlite needs PLEIN_DATABASE_URL to name a SQLite database, and a "
                          "SQLite with FTS5")
    return backend


def _mail(values: Mapping[str, object], site_url: str) -> MailSettings:
    """The mail settings; mail links to comments, so it needs an absolute ``PLEIN_SITE_URL``."""
    host = text_setting(values, "PLEIN_SMTP_HOST")
    drop = text_setting(values, "PLEIN_MAIL_DROP")
    if host and drop:
        raise ConfigError("set PLEIN_SMTP_HOST (mail is sent) or PLEIN_MAIL_DROP (mail is kept in a folder), not both")
    site_host = urlsplit(site_url).hostname
    if host and not (urlsplit(site_url).scheme and site_host):
        raise ConfigError("PLEIN_SMTP_HOST needs an absolute PLEIN_SITE_URL (https://...): mails link to comments")
    security = (text_setting(values, "PLEIN_SMTP_SECURITY", "starttls") or "starttls").lower()
    if security not in SMTP_SECURITY:
        raise ConfigError(f"PLEIN_SMTP_SECURITY must be one of {', '.join(SMTP_SECURITY)}, not {security!r}")
    language = (text_setting(values, "PLEIN_MAIL_LANGUAGE", "nl") or "nl").lower()
    if language not in MAIL_LANGUAGES:
        raise ConfigError(f"PLEIN_MAIL_LANGUAGE must be one of {', '.join(MAIL_LANGUAGES)}, not {language!r}")
    hour = integer_setting(values, "PLEIN_MAIL_DIGEST_HOUR", 7)
    if hour > 23:
        raise ConfigError("PLEIN_MAIL_DIGEST_HOUR is an hour of the day, 0 to 23")
    zone = text_setting(values, "PLEIN_MAIL_TIMEZONE", "Europe/Amsterdam") or "Europe/Amsterdam"
    try:
        timezone = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"PLEIN_MAIL_TIMEZONE: no time zone {zone!r}") from None
    return MailSettings(
        smtp_host=host,
        smtp_port=integer_setting(values, "PLEIN_SMTP_PORT", SMTP_SECURITY[security], minimum=1),
        smtp_security=security,
        smtp_user=text_setting(values, "PLEIN_SMTP_USER"),
        smtp_password=text_setting(values, "PLEIN_SMTP_PASSWORD"),
        sender=text_setting(values, "PLEIN_SMTP_SENDER", f"plein@{site_host or 'localhost'}") or "",
        language=language,
        digest_hour=hour,
        timezone=timezone,
        drop=Path(drop) if drop else None,
    )


def _jobs_url(values: Mapping[str, object], instance_path: Path) -> str:
    """Where the job queue lives: a SQLite file (by default in the instance folder) or Redis."""
    url = text_setting(values, "PLEIN_JOBS_URL") or f"sqlite:///{instance_path / 'jobs.sqlite3'}"
    if not url.startswith(JOBS_SCHEMES):
        raise ConfigError(f"PLEIN_JOBS_URL must start with one of {', '.join(JOBS_SCHEMES)}, not {url!r}")
    return url


def _oidc(values: Mapping[str, object]) -> OidcSettings | None:
    """The OpenID Connect settings, or ``None`` when ``PLEIN_OIDC_ISSUER`` is unset."""
    issuer = text_setting(values, "PLEIN_OIDC_ISSUER")
    if issuer is None:
        return None
    if urlsplit(issuer).scheme not in ("https", "http"):
        raise ConfigError(f"PLEIN_OIDC_ISSUER must be an http(s) URL, not {issuer!r}")
    client_id = text_setting(values, "PLEIN_OIDC_CLIENT_ID")
    client_secret = text_setting(values, "PLEIN_OIDC_CLIENT_SECRET")
    if not client_id or not client_secret:
        raise ConfigError("PLEIN_OIDC_ISSUER needs PLEIN_OIDC_CLIENT_ID and PLEIN_OIDC_CLIENT_SECRET")
    scopes = text_setting(values, "PLEIN_OIDC_SCOPES", "openid profile email") or ""
    if "openid" not in scopes.split():
        raise ConfigError("PLEIN_OIDC_SCOPES must include openid")
    return OidcSettings(
        issuer=issuer.rstrip("/"),
        client_id=client_id,
        client_secret=client_secret,
        scopes=scopes,
        groups_claim=text_setting(values, "PLEIN_OIDC_GROUPS_CLAIM", "groups") or "groups",
        department_claim=text_setting(values, "PLEIN_OIDC_DEPARTMENT_CLAIM", "department") or "department",
        session_hours=integer_setting(values, "PLEIN_OIDC_SESSION_HOURS", 10, minimum=1),
    )


def _demo_roles(values: Mapping[str, object]) -> tuple[str, ...]:
    """``PLEIN_DEMO_ROLES``: the group roles every demo login has (a demo shows what those roles see)."""
    roles = list_setting(values, "PLEIN_DEMO_ROLES")
    unknown = [role for role in roles if role not in GROUP_ROLES]
    if unknown:
        raise ConfigError(f"PLEIN_DEMO_ROLES: unknown role {unknown[0]!r}; roles are {', '.join(GROUP_ROLES)}")
    return roles


def _departments(values: Mapping[str, object]) -> dict[str, str]:
    """``PLEIN_DEPARTMENTS="hr=HR;it=IT;communicatie=Communicatie"``: the groups from the identity headers that are
    department accounts, each with its display name (the group id when none is given)."""
    departments: dict[str, str] = {}
    for item in (text_setting(values, "PLEIN_DEPARTMENTS", "") or "").split(";"):
        group, _, name = (part.strip() for part in item.partition("="))
        if not group and not name:
            continue
        if not group or len(group) > NAME_MAX or len(name) > NAME_MAX:
            raise ConfigError(f"PLEIN_DEPARTMENTS: {item.strip()!r} is not group=Display name")
        if group in departments:
            raise ConfigError(f"PLEIN_DEPARTMENTS names the group {group!r} twice")
        departments[group] = name or group
    return departments


def _demo_departments(values: Mapping[str, object], departments: Mapping[str, str]) -> tuple[str, ...]:
    """``PLEIN_DEMO_DEPARTMENTS``: departments (of ``PLEIN_DEPARTMENTS``) every demo login belongs to."""
    chosen = list_setting(values, "PLEIN_DEMO_DEPARTMENTS")
    unknown = [group for group in chosen if group not in departments]
    if unknown:
        raise ConfigError(f"PLEIN_DEMO_DEPARTMENTS: {unknown[0]!r} is not one of PLEIN_DEPARTMENTS")
    return chosen


def group_names(listed: str) -> tuple[str, ...]:
    """Group names as the groups header lists them: separated by commas or semicolons (a name may hold spaces,
    "Team Communicatie"), each once, in order."""
    return tuple(dict.fromkeys(name.strip() for name in re.split(r"[,;]", listed) if name.strip()))


def _demo_groups(values: Mapping[str, object]) -> tuple[str, ...]:
    """``PLEIN_DEMO_GROUPS``: group names separated as the groups header separates them."""
    value = values.get("PLEIN_DEMO_GROUPS")
    listed = value if isinstance(value, str) else ",".join(list_setting(values, "PLEIN_DEMO_GROUPS"))
    groups = group_names(listed)
    if too_long := [group for group in groups if len(group) > NAME_MAX]:
        raise ConfigError(f"PLEIN_DEMO_GROUPS: {too_long[0][:40]!r}… is longer than a group name may be ({NAME_MAX})")
    return groups


def load_settings(overrides: Mapping[str, object] | None, instance_path: Path) -> Settings:
    """Merge the environment with ``overrides`` (which win) and parse every setting."""
    values: dict[str, object] = {key: value for key, value in os.environ.items() if key.startswith("PLEIN_")}
    values.update({key: value for key, value in (overrides or {}).items() if key.startswith("PLEIN_")})
    default_db = f"sqlite:///{instance_path / 'plein.sqlite3'}"
    minimum = integer_setting(values, "PLEIN_COMMENT_MIN_LENGTH", 1, minimum=1)
    maximum = integer_setting(values, "PLEIN_COMMENT_MAX_LENGTH", 5000, minimum=minimum)
    search_indexer = (text_setting(values, "PLEIN_SEARCH_INDEXER", "inline") or "inline").lower()
    if search_indexer not in SEARCH_INDEXERS:
        raise ConfigError(f"PLEIN_SEARCH_INDEXER must be one of {', '.join(SEARCH_INDEXERS)}, not {search_indexer!r}")
    database_url = text_setting(values, "PLEIN_DATABASE_URL", default_db) or default_db
    search_backend = _search_backend(values, database_url)
    departments = _departments(values)
    site_url = text_setting(values, "PLEIN_SITE_URL", "/") or "/"
    mail = _mail(values, site_url)
    emoji = list_setting(values, "PLEIN_EMOJI", DEFAULT_EMOJI)
    if len(set(emoji)) != len(emoji):
        raise ConfigError("PLEIN_EMOJI lists an emoji twice")
    if any(len(item) > EMOJI_MAX for item in emoji):
        raise ConfigError(f"PLEIN_EMOJI: an emoji has at most {EMOJI_MAX} characters")
    return Settings(
        database_url=database_url,
        secret_key=_secret_key(values, instance_path, database_url),
        trusted_proxies=networks_setting(values, "PLEIN_TRUSTED_PROXIES"),
        proxy_secret=text_setting(values, "PLEIN_PROXY_SECRET"),
        header_user=text_setting(values, "PLEIN_HEADER_USER", "X-Plein-User") or "",
        header_name=text_setting(values, "PLEIN_HEADER_NAME", "X-Plein-Name") or "",
        header_email=text_setting(values, "PLEIN_HEADER_EMAIL", "X-Plein-Email") or "",
        header_groups=text_setting(values, "PLEIN_HEADER_GROUPS", "X-Plein-Groups") or "",
        header_department=text_setting(values, "PLEIN_HEADER_DEPARTMENT", "X-Plein-Department") or "",
        moderator_groups=frozenset(list_setting(values, "PLEIN_MODERATOR_GROUPS")),
        admin_groups=frozenset(list_setting(values, "PLEIN_ADMIN_GROUPS")),
        admins=frozenset(list_setting(values, "PLEIN_ADMINS")),
        role_groups={role: frozenset(list_setting(values, f"PLEIN_{role.upper()}_GROUPS")) for role in GROUP_ROLES},
        role_people={role: frozenset(list_setting(values, f"PLEIN_{role.upper()}_PEOPLE")) for role in GROUP_ROLES},
        demo=flag_setting(values, "PLEIN_DEMO", False),
        demo_roles=_demo_roles(values),
        site_dir=Path(text_setting(values, "PLEIN_SITE_DIR", "site") or "site"),
        site_url=site_url,
        search_dir=Path(text_setting(values, "PLEIN_SEARCH_DIR", "") or instance_path / "search"),
        search_indexer=search_indexer,
        search_backend=search_backend,
        emoji=emoji,
        ratelimit_write=text_setting(values, "PLEIN_RATELIMIT_WRITE", "60 per minute;600 per hour") or "",
        ratelimit_storage=text_setting(values, "PLEIN_RATELIMIT_STORAGE", "memory://") or "memory://",
        ratelimit_enabled=flag_setting(values, "PLEIN_RATELIMIT_ENABLED", True),
        comment_min_length=minimum,
        comment_max_length=maximum,
        max_request_bytes=integer_setting(values, "PLEIN_MAX_REQUEST_BYTES", 64 * 1024, minimum=1024),
        max_sync_bytes=integer_setting(values, "PLEIN_MAX_SYNC_BYTES", 64 * 1024 * 1024, minimum=1024),
        sync_token=text_setting(values, "PLEIN_SYNC_TOKEN"),
        auto_migrate=flag_setting(values, "PLEIN_AUTO_MIGRATE", True),
        thread_cache_bytes=integer_setting(values, "PLEIN_THREAD_CACHE_MB", 32) * 1024 * 1024,
        mail=mail,
        jobs_url=_jobs_url(values, instance_path),
        oidc=_oidc(values),
        departments=departments,
        demo_departments=_demo_departments(values, departments),
        demo_groups=_demo_groups(values),
        thread_page_size=integer_setting(values, "PLEIN_THREAD_PAGE_SIZE", 50, minimum=1),
        deleted_retention_days=integer_setting(values, "PLEIN_DELETED_RETENTION_DAYS", 30, minimum=0),
        question_escalate_after=integer_setting(values, "PLEIN_QUESTION_ESCALATE_AFTER", 24, minimum=1),
        question_escalate_managers_after=integer_setting(
            values, "PLEIN_QUESTION_ESCALATE_MANAGERS_AFTER", 24, minimum=1),
        working_calendar=working_calendar_setting(values, mail.timezone),
    )
