"""The hashtag grammar: the one place its rules live, imported by the MkDocs build and the comments service alike.

A hashtag is `#` followed by a Unicode letter and then letters, digits or `_` (`#café`, `#team2026`); a single
hyphen between two such characters joins them (`#e-mail`, `#covid-19`), so a hashtag never ends inside a word
(the rule, with examples, is in docs/hashtags.md).
The build finds it with a Python-Markdown inline processor, so Markdown's own earlier patterns already took code
spans, escapes (`\\#word`), links and autolinks out of the text it sees; the comments service, whose renderer is
cmark, looks in the prose runs it leaves (`hashtags_in_prose`). On top of that the grammar itself rejects:
a `#` inside a word (`a#b`, `C#`), numbers (`#123`), colour codes (`#fff`, `#a1b2c3`), HTML entities (`&#x27;`),
bare URLs, raw HTML tags, `{#id}` attribute lists and anything inside a link.
Heading markers need a space after them (as in CommonMark), so a line starting with `#tag` is prose.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable

import markdown
from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

#: The word after the `#`: a letter, then letters, digits, `_` or combining accents, in parts joined by single
#: hyphens. A hyphen not followed by a word character (`#gedoe-`, `#gedoe--nee`) ends the hashtag before it.
TAG_WORD = r"[^\W\d_][\w\u0300-\u036f]*(?:-[\w\u0300-\u036f]+)*"
#: A `#` (a literal first, so the regex engine jumps from `#` to `#`) not right after a word character, `&`
#: (entities), `#`, `/` (URL paths), `\\` (escapes) or `{` (attribute lists), then the tag word.
TAG_RE = re.compile(rf"#(?<![\w&#/\\{{]#)(?P<tag>{TAG_WORD})")
_URL_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|www\.|mailto:")
_HTML_TAG_START_RE = re.compile(r"</?[A-Za-z]")
_COLOUR_RE = re.compile(r"[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8}", re.IGNORECASE)
_HASHTAG_CLASS = "hashtag"


def is_hashtag(tag: str) -> bool:
    """Tell a tag from a colour code that happens to start with a letter (`#fff`, `#a1b2c3`, `#deadbeef`)."""
    return _COLOUR_RE.fullmatch(tag) is None


def _stepped_over(text: str, at: int) -> bool:
    """Whether the `#` at `at` is part of a bare URL, a `{...}` attribute list, a raw HTML tag or a raw link's text.

    Looked at only where a `#` matched, with `rfind` on the text before it: far cheaper than a regex that tries
    URL and HTML alternatives at every position of every text Markdown processes.
    """
    line_start = text.rfind("\n", 0, at) + 1
    token_start = max(line_start, text.rfind(" ", line_start, at) + 1, text.rfind("\t", line_start, at) + 1)
    if _URL_RE.search(text, token_start, at):
        return True
    if text.rfind("{", line_start, at) > text.rfind("}", line_start, at):  # attribute lists sit on one line
        return True
    tag_start = text.rfind("<", 0, at)
    if tag_start < 0:  # no raw HTML before it: the common case
        return False
    if tag_start > text.rfind(">", 0, at) and _HTML_TAG_START_RE.match(text, tag_start):
        return True
    before = text[:at].lower()
    return max(before.rfind("<a "), before.rfind("<a>")) > before.rfind("</a>")


def hashtags_in_prose(text: str) -> list[re.Match[str]]:
    """The hashtags in a run of prose (text outside code and links, with no Markdown left in it), in order: the
    matches of `TAG_RE` that the grammar keeps (``match.group("tag")`` is the tag as written)."""
    return [found for found in TAG_RE.finditer(text) if _is_hashtag_at(text, found)]


def _is_hashtag_at(text: str, found: re.Match[str]) -> bool:
    """Whether `TAG_RE`'s match in ``text`` is a hashtag: not a colour code, not inside a URL, tag or raw link."""
    return is_hashtag(found.group("tag")) and not _stepped_over(text, found.start(0))


def slugify(tag: str) -> str:
    """The grouping key: case-folded (Unicode kept, NFC so `café` typed two ways is one tag)."""
    return unicodedata.normalize("NFC", tag).casefold()


def tag_url(tag: str, site_root: str = "/") -> str:
    """The URL of a hashtag's page under `site_root`."""
    return f"{site_root}tags/{slugify(tag)}/"


class _HashtagInlineProcessor(InlineProcessor):
    """Turns `#tag` in prose into a link."""

    def __init__(self, url_for: Callable[[str], str], md: markdown.Markdown) -> None:
        super().__init__(TAG_RE.pattern, md)
        self.url_for = url_for

    def handleMatch(  # noqa: N802 - Python-Markdown's API name
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        if not _is_hashtag_at(data, m):
            return None, None, None
        tag = m.group("tag")
        link = etree.Element("a", {"class": _HASHTAG_CLASS, "href": self.url_for(tag)})
        link.text = AtomicString(f"#{tag}")
        link.set("data-tag", tag)
        return link, m.start(0), m.end(0)


class _HashtagCollector(Treeprocessor):
    """After inline processing: unwrap hashtags nested in another link, record the rest in document order.

    Works on `root.iter("a")` (ElementTree's C iteration over links only), not a walk of every element.
    """

    def run(self, root: etree.Element) -> None:
        links = list(root.iter("a"))
        nested = {
            inner
            for link in links
            if "data-tag" not in link.attrib
            for inner in link.iter("a")
            if "data-tag" in inner.attrib and inner is not link
        }
        if nested:
            parents = {child: parent for parent in root.iter() for child in parent}
            for link in nested:
                _unwrap(parents[link], link)
        self.md.hashtags = [
            link.attrib.pop("data-tag") for link in links if "data-tag" in link.attrib and link not in nested
        ]


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace `child` by its text, keeping the text around it."""
    text = (child.text or "") + (child.tail or "")
    index = list(parent).index(child)
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(child)


class _SpacedHashHeaderProcessor(HashHeaderProcessor):
    """`# Title` is a heading, `#tag` at the start of a line is a hashtag: the marker needs a space after it."""

    RE = re.compile(r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:[ \t](?:\\.|[^\\#]|#+(?=[^#\n]))*?)?)#*(?:\n|$)")


class HashtagExtension(Extension):
    """Python-Markdown extension: hashtags in prose become `<a class="hashtag" href="{url_for(tag)}">#tag</a>`.

    After a conversion `md.hashtags` holds every hashtag as written (without `#`), in document order.
    """

    def __init__(self, url_for: Callable[[str], str], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.url_for = url_for

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.hashtags = []
        md.parser.blockprocessors.register(_SpacedHashHeaderProcessor(md.parser), "hashheader", 70)
        # After code (190), escapes, links and autolinks (120); before raw HTML (90) so it can step over it.
        md.inlinePatterns.register(_HashtagInlineProcessor(self.url_for, md), "hashtag", 95)
        # After inline processing (20), before attr_list (8) and toc (5).
        md.treeprocessors.register(_HashtagCollector(md), "hashtag_collector", 19)


_local = threading.local()


def find_hashtags(markdown_text: str) -> list[str]:
    """Hashtags in the prose of `markdown_text`, in order, as written (without `#`), repeats included."""
    md: markdown.Markdown | None = getattr(_local, "md", None)
    if md is None:
        md = _local.md = markdown.Markdown(extensions=[HashtagExtension(tag_url)])
    md.reset().convert(markdown_text)
    return list(md.hashtags)
