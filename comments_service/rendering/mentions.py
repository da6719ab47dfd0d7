"""`@handle` mentions of known people and of department accounts, as a Python-Markdown inline processor.

A handle is `@` followed by letters, digits, dots, hyphens and underscores, starting and ending with a letter,
digit or underscore (so the full stop in "thanks @jan." ends the sentence, not the handle). It must not follow
a word character or one of `@ . / : + -`, which keeps e-mail addresses and URL paths out. Being an inline
pattern, it never runs inside code; it skips link text so a mention never nests an `<a>` in an `<a>`.
Unknown handles stay plain text. A department account's id (`@hr`) links to the department's page and comes
before a person of the same id; the notification rules read who was mentioned from these links alone.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from types import MappingProxyType
from urllib.parse import quote, unquote

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

MENTION_PATTERN = r"(?<![\w@./:+-])@(\w(?:[\w.-]*\w)?)"

# Resolves a handle to (person_id, display_name), or None for nobody known.
MentionResolver = Callable[[str], tuple[str, str] | None]

# Above emphasis (60) so `_` inside handles is never read as emphasis; below links, code and autolinks.
_PRIORITY = 75


class MentionInlineProcessor(InlineProcessor):
    """Turn `@handle` of a known person into `<a class="mention" href="{site_root}people/<id>/">@Name</a>`, and of a
    department account into the same link to `{site_root}departments/<id>/`."""

    ANCESTOR_EXCLUDES = ("a",)

    def __init__(self, extension: MentionExtension, md: Markdown) -> None:
        super().__init__(MENTION_PATTERN, md)
        self.extension = extension

    def handleMatch(  # noqa: N802 - Python-Markdown's API name
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        handle = m.group(1)
        department = self.extension.department(handle)
        if department is not None:
            path, display_name = department_path(department), self.extension.departments[department]
        elif (person := self.extension.resolve(handle)) is not None:
            person_id, display_name = person
            path = person_path(person_id)
        else:
            return None, None, None
        link = etree.Element("a", {"class": "mention", "href": self.extension.site_root + path})
        link.text = AtomicString(f"@{display_name}")  # a name is text: no Markdown, no hashtags in it
        return link, m.start(0), m.end(0)


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


class MentionExtension(Extension):
    """Registers the mention processor; who was mentioned is read from its links (`mentioned_in`).

    `resolve` may be swapped between documents, so one Markdown instance serves many comments.
    """

    def __init__(self, site_root: str = "/", resolve: MentionResolver = nobody,
                 departments: Mapping[str, str] = NO_DEPARTMENTS) -> None:
        super().__init__()
        self.resolve = resolve
        self.departments = departments
        self.site_root = site_root

    def department(self, handle: str) -> str | None:
        """The id of the department account ``handle`` names (in any case), or ``None``."""
        if handle in self.departments:
            return handle
        folded = handle.casefold()
        return next((department for department in self.departments if department.casefold() == folded), None)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        md.inlinePatterns.register(MentionInlineProcessor(self, md), "mention", _PRIORITY)
