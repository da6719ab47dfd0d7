"""Reading a Disqus XML export: ``<thread dsq:id>`` elements with the page's ``<link>``, and ``<post dsq:id>``
elements with ``<thread dsq:id>``, ``<parent dsq:id>``, ``<message>`` (HTML), ``<createdAt>``,
``<author><name><email>``, ``<isDeleted>`` (imported removed) and ``<isSpam>`` (imported hidden).

Disqus writes messages as HTML; Plein stores Markdown, so paragraphs, line breaks, links, bold, italics and code
are turned into their Markdown and every other tag is dropped (its text kept), before the text goes through
Plein's renderer and sanitizer like any comment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from ..models import CommentState
from .addresses import Addresses
from .importer import Incoming, parents_first
from .isso import SourceError

SOURCE = "disqus"
DSQ = "{http://disqus.com/disqus-internals}"


def read_disqus(path: Path, addresses: Addresses) -> list[Incoming]:
    """Every post of the Disqus export at ``path``, parents first."""
    try:
        root = ElementTree.parse(path).getroot()  # expat refuses entity bombs; no external entities
    except (OSError, ElementTree.ParseError) as error:
        raise SourceError(f"{path} is no Disqus XML export: {error}") from None
    ns = root.tag.split("}")[0] + "}" if root.tag.startswith("{") else ""
    threads = {element.get(DSQ + "id"): (element.findtext(ns + "link") or "").strip()
               for element in root.findall(ns + "thread")}
    return list(parents_first(_posts(root, ns, threads, addresses)))


def _posts(root: ElementTree.Element, ns: str, threads: dict[str | None, str], addresses: Addresses,
           ) -> Iterator[Incoming]:
    for post in root.findall(ns + "post"):
        post_id = post.get(DSQ + "id")
        thread = post.find(ns + "thread")
        if post_id is None or thread is None:
            continue
        parent = post.find(ns + "parent")
        created = _moment(post.findtext(ns + "createdAt") or "")
        if _true(post.findtext(ns + "isDeleted")):
            state = CommentState.REMOVED.value
        elif _true(post.findtext(ns + "isSpam")):
            state = CommentState.HIDDEN.value
        else:
            state = CommentState.VISIBLE.value
        yield Incoming(
            source=SOURCE, source_id=post_id, page=addresses.page_of(threads.get(thread.get(DSQ + "id"), "")),
            parent_source_id=parent.get(DSQ + "id") if parent is not None else None,
            author_name=post.findtext(f"{ns}author/{ns}name") or "",
            author_email=post.findtext(f"{ns}author/{ns}email"),
            text=markdown_of(post.findtext(ns + "message") or ""), created=created, state=state,
            removed_at=created if state == CommentState.REMOVED.value else None,
        )


def _true(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"


def _moment(value: str) -> dt.datetime:
    """Disqus's ``2021-03-04T05:06:07Z``; an unreadable date is the epoch rather than a lost comment."""
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class _Markdown(HTMLParser):
    """HTML of a Disqus message to Plein's Markdown subset."""

    MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.out.append("  \n")
        elif tag == "p" and self.out:
            self.out.append("\n\n")
        elif tag in self.MARKS:
            self.out.append(self.MARKS[tag])
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))
            self.out.append("[")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.MARKS:
            self.out.append(self.MARKS[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            self.out.append(f"]({href})" if href else "]")

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def markdown_of(message: str) -> str:
    """The Markdown of a Disqus message's HTML."""
    parser = _Markdown()
    parser.feed(message)
    parser.close()
    return "".join(parser.out).strip()
