"""Plain URLs in a comment become links (issue 11): `https://…`, `http://…` and `www.…` as typed.

An inline processor above hashtags and mentions, so a `#fragment` or `@` inside a URL stays part of it; below
code, links and `<…>` autolinks, which keep their own meaning. It never runs inside link text. Punctuation that
ends a sentence (`.`, `,`, `!`, a closing bracket without its opening one) is left outside the link. The link
passes the same nh3 sanitizer as every other (`sanitize`): http and https only, `rel="nofollow noopener"`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

URL_PATTERN = r"(?<![\w@/.:+-])(?:https?://|www\.)[^\s<>\"`]+"
_TRAILING = ".,:;!?'*_~"
_CLOSING = {")": "(", "]": "[", "}": "{"}

# Below code (190), links (160) and <...> autolinks (120); above hashtags (95), mentions (75) and emphasis (60).
_PRIORITY = 115


def url_end(url: str) -> int:
    """How much of a matched ``url`` belongs to it: trailing sentence punctuation and unbalanced closers go."""
    end = len(url)
    while end:
        last = url[end - 1]
        if last in _TRAILING or (last in _CLOSING and url.count(_CLOSING[last], 0, end) < url.count(last, 0, end)):
            end -= 1
        else:
            break
    return end


class UrlInlineProcessor(InlineProcessor):
    """``https://example.nl/a`` -> ``<a href="https://example.nl/a">https://example.nl/a</a>`` (www. gets https)."""

    ANCESTOR_EXCLUDES = ("a",)

    def handleMatch(  # noqa: N802 - Python-Markdown's API name
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        url = m.group(0)[: url_end(m.group(0))]
        if url.endswith(("://", "www.")) or "." not in url.split("://")[-1]:
            return None, None, None
        link = etree.Element("a", {"href": url if "://" in url else "https://" + url})
        link.text = AtomicString(url)  # shown as typed: no emphasis, hashtags or mentions inside
        return link, m.start(0), m.start(0) + len(url)


class UrlExtension(Extension):
    """Registers the plain-URL processor."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        md.inlinePatterns.register(UrlInlineProcessor(URL_PATTERN, md), "plain_url", _PRIORITY)
