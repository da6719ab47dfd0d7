"""The site's own look for the service's HTML pages: the build's frame, with a title and content put in.

The theme renders ``plein-frame.html`` once per build (the site's header, navigation, footer, styles and
scripts around two markers). This module reads it from ``PLEIN_SITE_DIR`` (again only when the file's
modification time changes, so a new build shows without a restart) and splits it at the markers. Without a
built frame (an API-only install, a test) a minimal valid page stands in, so the pages still work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

FILE_NAME = "plein-frame.html"
TITLE_MARK = "<!--plein:title-->"
CONTENT_MARK = "<!--plein:content-->"
QUERY_MARK = "<!--plein:query-->"
"""In the header search box's ``value``: the search results page puts its query there."""
LANGUAGES = ("nl", "en")
_LANG = re.compile(r"<html\b[^>]*?\blang=\"([^\"]*)\"", re.IGNORECASE)


@dataclass(frozen=True)
class Frame:
    """A page skeleton cut at the title and the content: ``head`` TITLE ``middle`` CONTENT ``tail``."""

    language: str  # the site's interface language, nl or en
    head: str
    middle: str
    tail: str

    def render(self, title: str, content: Markup, search_query: str = "") -> str:
        """The whole page: ``title`` escaped, ``content`` as the (already escaped) HTML it is, ``search_query``
        (escaped) in the header's search box."""
        middle = self.middle.replace(QUERY_MARK, escape(search_query))  # the header comes after the title
        return f"{self.head}{escape(title)}{middle}{content}{self.tail}"


def _language(html: str) -> str:
    match = _LANG.search(html)
    language = match.group(1).split("-")[0].lower() if match else ""
    return language if language in LANGUAGES else "en"


def minimal(language: str = "en") -> Frame:
    """The stand-in when there is no built frame: a valid HTML page with just a title and a main landmark."""
    return Frame(
        language,
        f'<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>',
        '</title>\n</head>\n<body>\n<main id="main">\n',
        "\n</main>\n</body>\n</html>\n",
    )


def parse(html: str) -> Frame:
    """A frame from the built file; one whose markers are missing (a build by an older theme) gives the stand-in."""
    head, title_mark, rest = html.partition(TITLE_MARK)
    middle, content_mark, tail = rest.partition(CONTENT_MARK)
    if not (title_mark and content_mark):
        return minimal(_language(html))
    return Frame(_language(head), head, middle, tail)


_cache: dict[Path, tuple[int, Frame]] = {}


def load(site_dir: Path) -> Frame:
    """The frame of the site built in ``site_dir``, read again only when the file changed."""
    path = site_dir / FILE_NAME
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return minimal()
    cached = _cache.get(path)
    if cached is not None and cached[0] == mtime:
        return cached[1]
    try:
        frame = parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return minimal()
    _cache[path] = (mtime, frame)
    return frame
