"""Plain text from rendered HTML, shared by the MkDocs build and the comments service alike: the build takes a page's
search text for the manifest and the descriptions on hashtag pages from it, the service a comment's search text
and the quotes of comments in notifications and mail.

Regular expressions instead of an HTML parser: the input is Python-Markdown's own well-formed output, and a
regex pass is an order of magnitude faster than building a tree for every page.
"""

from __future__ import annotations

import html
import re

#: Elements whose content is not prose: scripts, styles and the `¶` permalinks the toc extension adds.
_DROP_RE = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>|<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>", re.DOTALL | re.IGNORECASE
)
_BLOCK_TAG_RE = re.compile(
    r"</?(?:address|article|aside|blockquote|br|dd|details|div|dl|dt|figcaption|figure|h[1-6]|hr|li|ol|p|pre"
    r"|section|summary|table|td|th|tr|ul)\b[^>]*>",
    re.IGNORECASE,
)
_TAG_RE = re.compile(r"<[^>]*>")
_FIRST_PARAGRAPH_RE = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s")
_TITLE_RE = re.compile(r"^\s*<h1\b[^>]*>.*?</h1\s*>", re.DOTALL | re.IGNORECASE)


def html_to_text(markup: str) -> str:
    """Text of `markup` with tags stripped, entities decoded and whitespace collapsed to single spaces.

    NUL characters go too: browsers show nothing for them, and no database text keeps them (the service
    refuses them).
    """
    text = _TAG_RE.sub("", _BLOCK_TAG_RE.sub(" ", _DROP_RE.sub(" ", markup)))
    return " ".join(html.unescape(text).replace("\x00", "").split())


def body_text(markup: str) -> str:
    """The text of a page without its leading ``<h1>``: the title is a field of its own in the manifest and in
    search, and kept in the text it would run into the body in every snippet and count twice."""
    return html_to_text(_TITLE_RE.sub(" ", markup, count=1))


def first_sentence(markup: str, limit: int = 200) -> str:
    """The first sentence of the first paragraph, cut at `limit` characters; empty when there is no paragraph."""
    match = _FIRST_PARAGRAPH_RE.search(markup)
    if match is None:
        return ""
    sentence = _SENTENCE_END_RE.split(html_to_text(match.group(1)), maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
