"""`@handle` mentions of known people and of department accounts.

A handle is `@` followed by letters, digits, dots, hyphens and underscores, starting and ending with a letter,
digit or underscore (so the full stop in "thanks @jan." ends the sentence, not the handle). It must not follow
a word character or one of `@ . / : + -`, which keeps e-mail addresses and URL paths out. Mentions are looked for
in prose only (`prose.link_prose`): never in code, in a link's text or in a plain URL.
Unknown handles stay plain text. A department account's id (`@hr`) links to the department's page and comes
before a person of the same id; the notification rules read who was mentioned from these links alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from urllib.parse import quote, unquote

MENTION = re.compile(r"(?<![\w@./:+-])@(\w(?:[\w.-]*\w)?)")

# Resolves a handle to (person_id, display_name), or None for nobody known.
MentionResolver = Callable[[str], tuple[str, str] | None]


def person_path(person_id: str) -> str:
    """A person's page from the site root, where mentions link: ``people/<percent-encoded id>/``."""
    return f"people/{quote(person_id, safe='')}/"


def department_path(department: str) -> str:
    """A department account's page from the site root: ``departments/<percent-encoded id>/``."""
    return f"departments/{quote(department, safe='')}/"


_MENTION_LINK = re.compile(r'<a class="mention" href="[^"]*/(people|departments)/([^/"]+)/"')


def _linked(html: str, kind: str) -> list[str]:
    """The ids the renderer's mention links of ``kind`` (``people`` or ``departments``) point at, in order."""
    return [unquote(found) for linked_kind, found in _MENTION_LINK.findall(html) if linked_kind == kind]


def mentioned_in(html: str) -> list[str]:
    """The ids of the people a rendered comment mentions, in order (what the renderer linked)."""
    return _linked(html, "people")


def departments_mentioned_in(html: str) -> list[str]:
    """The ids of the department accounts a rendered comment mentions, in order (what the renderer linked)."""
    return _linked(html, "departments")


def mentions_anew(former_html: str, html: str) -> bool:
    """Whether ``html`` mentions a person or a department account that ``former_html`` did not (an edit)."""
    return not (set(mentioned_in(html)) <= set(mentioned_in(former_html))
                and set(departments_mentioned_in(html)) <= set(departments_mentioned_in(former_html)))


def nobody(handle: str) -> None:
    """The resolver that knows no one."""
    return None


NO_DEPARTMENTS: Mapping[str, str] = MappingProxyType({})
"""No department accounts (id -> display name): what a site without them, and a renderer between comments, has."""


class Mentions:
    """Who a comment's handles name: department accounts first (in any case), then people through ``resolve``."""

    def __init__(self, resolve: MentionResolver, departments: Mapping[str, str], site_root: str) -> None:
        self.resolve, self.departments, self.site_root = resolve, departments, site_root

    def department(self, handle: str) -> str | None:
        """The id of the department account ``handle`` names (in any case), or ``None``."""
        if handle in self.departments:
            return handle
        folded = handle.casefold()
        return next((department for department in self.departments if department.casefold() == folded), None)

    def link(self, handle: str) -> tuple[str, str] | None:
        """(address, shown name) of the mention link for ``handle``, or ``None`` when it names nobody known."""
        department = self.department(handle)
        if department is not None:
            return self.site_root + department_path(department), self.departments[department]
        person = self.resolve(handle)
        if person is None:
            return None
        person_id, display_name = person
        return self.site_root + person_path(person_id), display_name
