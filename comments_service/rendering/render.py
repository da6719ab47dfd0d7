"""Comment text (Markdown) to the HTML the service stores: rendered once, at write time.

cmark (`cmarkgfm`, the C reference implementation of CommonMark, which PyPI renders READMEs with) reads the
Markdown; what lies outside the comment subset is stashed as text first (`source`), and the links cmark does not
make (plain URLs, hashtags, mentions) are added to its prose after (`prose`). cmark takes a few microseconds; the
whole rendering, the allow-list included, a third of what Python-Markdown took, which a write with a mention had
felt as a seventh of its CPU. Single newlines are line breaks, as people type them on a phone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

import cmarkgfm
from cmarkgfm.cmark import Options

from comments_service.rendering.mentions import NO_DEPARTMENTS, MentionResolver, Mentions
from comments_service.rendering.prose import Prose
from comments_service.rendering.sanitize import sanitize
from comments_service.rendering.source import prepared
from comments_service.rendering.stash import Stash, as_text
from hashtag_grammar import slugify, tag_url

_OPTIONS = Options.CMARK_OPT_HARDBREAKS  # and not UNSAFE: cmark blanks javascript: and other unsafe addresses


@dataclass(frozen=True)
class RenderedComment:
    """What a comment's text becomes: safe HTML and its hashtag slugs, each unique, in order (who it mentions is
    read from the HTML's links: `mentioned_in`)."""

    html: str
    hashtags: list[str]


def render_comment(
    text: str, *, resolve_mention: MentionResolver, site_root: str = "/",
    departments: Mapping[str, str] = NO_DEPARTMENTS,
) -> RenderedComment:
    """Render `text` with the comment subset of Markdown, link plain URLs, hashtags and known mentions (people, and
    the department accounts of ``departments``: id -> display name), then sanitize."""
    stash = Stash()
    markup = cmarkgfm.markdown_to_html(prepared(as_text(text), stash), options=_OPTIONS)
    prose = Prose(stash, Mentions(resolve_mention, departments, site_root), partial(tag_url, site_root=site_root))
    html = sanitize(prose.link(markup)).rstrip()
    return RenderedComment(html=html, hashtags=list(dict.fromkeys(slugify(tag) for tag in prose.hashtags)))
