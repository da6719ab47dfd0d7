"""Links in a comment's prose: plain URLs, hashtags and mentions, found in the HTML cmark wrote.

cmark's HTML is regular (its own tags, text escaped), so it is read as a run of tags and texts. A text inside code
or a link gets no links, only its stashed bits back (as typed in code, as shown in a link); any other is prose:
plain URLs are found first, so a ``#fragment`` or ``@`` inside one stays part of it, then hashtags (the shared
grammar, `hashtag_grammar`) and mentions outside them. Handles are looked up only there.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from hashtag_grammar import hashtags_in_prose

from .autolinks import plain_urls
from .mentions import MENTION, Mentions
from .stash import Stash

_PIECE = re.compile(r"<(/?)([a-z0-9]+)[^>]*>|[^<]+|<")  # a tag, a text, or a `<` that opens no tag
_CODE = frozenset({"code", "pre"})  # text as typed, never linked
_MAY_LINK = re.compile(r"[#@\ufdd0]|https?://|www\.")  # a prose text without these stays as cmark wrote it


class _Link(NamedTuple):
    """A stretch of a prose text that becomes a link."""

    start: int
    end: int
    href: str
    css_class: str | None
    shown: str


@dataclass
class Prose:
    """Links the prose of one comment's HTML; the hashtags it linked, as written, in order."""

    stash: Stash
    mentions: Mentions
    tag_url: Callable[[str], str]
    hashtags: list[str] = field(default_factory=list, init=False)

    def link(self, html_text: str) -> str:
        """cmark's ``html_text`` with prose links added and every stashed bit put back."""
        out: list[str] = []
        code = link = 0  # how many <code> and <pre>, and how many <a>, are open
        for piece in _PIECE.finditer(html_text):
            name = piece.group(2)
            if piece.group(0) == "<":  # cmark's "<!-- raw HTML omitted -->" once the stash is full: text
                out.append("&lt;")
            elif name is not None:  # a tag
                step = -1 if piece.group(1) else 1
                code += step if name in _CODE else 0
                link += step if name == "a" else 0
                out.append(self.stash.in_tag(piece.group(0)))
            elif code:
                out.append(self.stash.in_html(piece.group(0), as_typed=True))
            elif link:  # a link's text: prose, shown as such, but no link in a link
                out.append(self.stash.in_html(piece.group(0)))
            elif _MAY_LINK.search(piece.group(0)):
                out.append(self._linked(html.unescape(piece.group(0))))
            else:
                out.append(piece.group(0))
        return "".join(out)

    def _linked(self, text: str) -> str:
        """A prose text (unescaped) as HTML, with its URLs, hashtags and mentions as links."""
        text = self.stash.shown(text, inert_too=False)
        links = self._links(text)
        out: list[str] = []
        at = 0
        for link in links:
            out.append(html.escape(self.stash.shown(text[at:link.start]), quote=False))
            css = f' class="{link.css_class}"' if link.css_class else ""
            out.append(f'<a{css} href="{html.escape(link.href)}">{html.escape(link.shown, quote=False)}</a>')
            at = link.end
        out.append(html.escape(self.stash.shown(text[at:]), quote=False))
        return "".join(out)

    def _links(self, text: str) -> list[_Link]:
        """The links of one prose text, in order: URLs, then hashtags and known mentions outside them."""
        shown = self.stash.shown  # an inert bit in a URL (``\\#``) is part of it, shown as it shows
        links = [_Link(url.start, url.end, shown(url.href), None, shown(text[url.start:url.end]))
                 for url in plain_urls(text)]
        taken = [(link.start, link.end) for link in links]

        def free(start: int, end: int) -> bool:
            return not any(start < taken_end and taken_start < end for taken_start, taken_end in taken)

        if "#" in text:
            for found in hashtags_in_prose(text):
                if free(found.start(), found.end()):
                    tag = found.group("tag")
                    links.append(_Link(found.start(), found.end(), self.tag_url(tag), "hashtag", f"#{tag}"))
                    taken.append((found.start(), found.end()))
                    self.hashtags.append(tag)
        if "@" in text:
            for found in MENTION.finditer(text):
                if free(found.start(), found.end()) and (known := self.mentions.link(found.group(1))) is not None:
                    href, name = known
                    links.append(_Link(found.start(), found.end(), href, "mention", f"@{name}"))
        return sorted(links)
