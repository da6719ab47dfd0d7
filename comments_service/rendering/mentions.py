"""`@handle` mentions of known people, as a Python-Markdown inline processor.

A handle is `@` followed by letters, digits, dots, hyphens and underscores, starting and ending with a letter,
digit or underscore (so the full stop in "thanks @jan." ends the sentence, not the handle). It must not follow
a word character or one of `@ . / : + -`, which keeps e-mail addresses and URL paths out. Being an inline
pattern, it never runs inside code; it skips link text so a mention never nests an `<a>` in an `<a>`.
Unknown handles stay plain text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
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
    """Turn `@handle` of a known person into `<a class="mention" href="{site_root}people/<id>/">@Name</a>`."""

    ANCESTOR_EXCLUDES = ("a",)

    def __init__(self, extension: MentionExtension, md: Markdown) -> None:
        super().__init__(MENTION_PATTERN, md)
        self.extension = extension

    def handleMatch(  # noqa: N802 - Python-Markdown's API name
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        person = self.extension.resolve(m.group(1))
        if person is None:
            return None, None, None
        person_id, display_name = person
        link = etree.Element("a", {"class": "mention", "href": self.extension.person_url(person_id)})
        link.text = AtomicString(f"@{display_name}")  # a name is text: no Markdown, no hashtags in it
        self.extension.mentions.append(person_id)
        return link, m.start(0), m.end(0)


def person_path(person_id: str) -> str:
    """A person's page from the site root, where mentions link: ``people/<percent-encoded id>/``."""
    return f"people/{quote(person_id, safe='')}/"


def department_path(department: str) -> str:
    """A department account's page from the site root: ``departments/<percent-encoded id>/``."""
    return f"departments/{quote(department, safe='')}/"


_MENTION_LINK = re.compile(r'<a class="mention" href="[^"]*/people/([^/"]+)/"')


def mentioned_in(html: str) -> list[str]:
    """The ids of the people a rendered comment mentions, in order (what the renderer linked)."""
    return [unquote(person_id) for person_id in _MENTION_LINK.findall(html)]


def nobody(handle: str) -> None:
    """The resolver that knows no one."""
    return None


class MentionExtension(Extension):
    """Registers the mention processor and records the ids of the people mentioned in `mentions`.

    `resolve` may be swapped between documents, so one Markdown instance serves many comments.
    """

    def __init__(self, site_root: str = "/", resolve: MentionResolver = nobody) -> None:
        super().__init__()
        self.resolve = resolve
        self.site_root = site_root
        self.mentions: list[str] = []

    def person_url(self, person_id: str) -> str:
        """The person's page: `{site_root}people/<id>/`, the id percent-encoded."""
        return self.site_root + person_path(person_id)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        md.inlinePatterns.register(MentionInlineProcessor(self, md), "mention", _PRIORITY)
        md.registerExtension(self)

    def reset(self) -> None:
        """Forget the mentions of the previous document (Markdown calls this on `md.reset()`)."""
        self.mentions = []
