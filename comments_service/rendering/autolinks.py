"""Plain URLs in a comment become links (issue 11): `https://…`, `http://…` and `www.…` as typed.

Looked for in prose only (`prose.link_prose`), before hashtags and mentions, so a `#fragment` or `@` inside a URL
stays part of it; never in code or inside a link. Punctuation that ends a sentence (`.`, `,`, `!`, a closing
bracket without its opening one) is left outside the link. The link passes the same nh3 sanitizer as every other
(`sanitize`): http and https only, `rel="nofollow noopener"`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

URL_PATTERN = r"(?<![\w@/.:+-])(?:https?://|www\.)[^\s<>\"`]+"
_URL = re.compile(URL_PATTERN)
_TRAILING = ".,:;!?'*_~"
_CLOSING = {")": "(", "]": "[", "}": "{"}


class PlainUrl(NamedTuple):
    """A URL found in prose: where it is in the text, and the address it links to."""

    start: int
    end: int
    href: str


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


def plain_urls(text: str) -> Iterator[PlainUrl]:
    """The web addresses typed in ``text``, in order (``www.`` links to https); not a bare scheme or a host
    without a dot."""
    for found in _URL.finditer(text):
        url = found.group(0)[: url_end(found.group(0))]
        if url.endswith(("://", "www.")) or "." not in url.split("://")[-1]:
            continue
        yield PlainUrl(found.start(), found.start() + len(url), url if "://" in url else "https://" + url)
