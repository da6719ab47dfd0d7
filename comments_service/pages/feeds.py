"""Atom feeds of comment lists (feedgen), readable by any feed reader.

Entry ids are ``urn:uuid`` values derived from the site and the comment id, so they stay the same when a
page is renamed or moved (its URL, and so the comment's permalink, changes). Links are absolute: a feed
reader knows nothing of the site root. A low-profile author's entries carry no name (see ``stream``).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from feedgen.feed import FeedGenerator

from ..clock import utcnow
from .stream import Item

MEDIA_TYPE = "application/atom+xml; charset=utf-8"
ENTRIES = 50
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control characters a name or a path may carry)."""
    return _NOT_XML.sub("", text)


def href(url: str) -> str:
    """``url`` with anything outside printable ASCII percent-encoded (paths may hold spaces or control characters)."""
    return quote(url, safe="/:?#[]@!$&'()*+,;=%~")


@dataclass(frozen=True)
class FeedInfo:
    """What a feed says about itself."""

    key: str  # stable name of the feed ("page/12", "hashtag/wol"), for its id
    title: str
    self_url: str  # absolute
    alternate_url: str  # absolute: the page people read in a browser
    language: str
    origin: str  # where the site is, e.g. https://intranet.example (permalinks start with the site root)


def stable_id(origin: str, key: str) -> str:
    """An id that names the same thing for as long as the site stays where it is."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{origin}/plein/{key}").urn


def atom(info: FeedInfo, items: Sequence[Item], words: Mapping[str, str]) -> bytes:
    """The Atom document of ``items`` (newest first), with ``info``'s title and links; ``words``: the strings."""
    feed = FeedGenerator()
    feed.id(stable_id(info.origin, info.key))
    feed.title(xml_text(info.title))
    feed.author({"name": xml_text(info.title)})  # Atom needs an author; entries of low-profile people have none of their own
    feed.link(href=href(info.self_url), rel="self", type="application/atom+xml")
    feed.link(href=href(info.alternate_url), rel="alternate", type="text/html")
    feed.language(info.language)
    feed.updated(max((item.edited or item.created for item in items), default=utcnow()))
    for item in items:
        entry = feed.add_entry(order="append")
        entry.id(stable_id(info.origin, f"comment/{item.comment_id}"))
        entry.title(xml_text(f"{item.author or words['colleague']} {words['on_page'].format(page=item.page_title)}"))
        entry.link(href=href(info.origin + item.permalink), rel="alternate", type="text/html")
        if item.author:
            entry.author({"name": xml_text(item.author)})
        entry.published(item.created)
        entry.updated(item.edited or item.created)
        entry.content(xml_text(item.html), type="html")
    return feed.atom_str(pretty=False)
