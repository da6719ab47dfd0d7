"""Comment text (Markdown) to the HTML the service stores: rendered once, at write time."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

from markdown import Markdown
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.nl2br import Nl2BrExtension
from markdown.extensions.sane_lists import SaneListExtension

from comments_service.rendering.autolinks import UrlExtension
from comments_service.rendering.brackets import LinearBracketsExtension
from comments_service.rendering.mentions import NO_DEPARTMENTS, MentionExtension, MentionResolver, nobody
from comments_service.rendering.sanitize import sanitize
from comments_service.rendering.subset import CommentSubsetExtension
from hashtag_grammar import HashtagExtension, slugify, tag_url


@dataclass(frozen=True)
class RenderedComment:
    """What a comment's text becomes: safe HTML and its hashtag slugs, each unique, in order (who it mentions is
    read from the HTML's links: `mentioned_in`)."""

    html: str
    hashtags: list[str]


class CommentMarkdown:
    """Python-Markdown set up for comments under one site root.

    Building the instance costs about as much as converting a comment, so each thread keeps one per site root
    (see `render_comment`) and resets it between comments.
    """

    def __init__(self, site_root: str) -> None:
        self.mentions = MentionExtension(site_root)
        self.md = Markdown(
            extensions=[
                # Instances, not names: a name is looked up among installed entry points every time.
                FencedCodeExtension(),
                Nl2BrExtension(),
                SaneListExtension(),
                HashtagExtension(partial(tag_url, site_root=site_root)),
                UrlExtension(),
                LinearBracketsExtension(),
                self.mentions,
                CommentSubsetExtension(),  # last: the hashtag extension registers a heading processor of its own
            ],
            output_format="html",
        )

    def render(self, text: str, resolve_mention: MentionResolver, departments: Mapping[str, str]) -> RenderedComment:
        """Convert one comment; nothing of the previous one survives (`reset`, and blank text converts to '')."""
        self.md.reset()
        self.md.hashtags = []  # blank text skips the collector that sets it
        self.mentions.resolve, self.mentions.departments = resolve_mention, departments
        try:
            html = sanitize(self.md.convert(text))
        finally:  # keep no caller's resolver (and its database session) alive
            self.mentions.resolve, self.mentions.departments = nobody, NO_DEPARTMENTS
        return RenderedComment(
            html=html,
            hashtags=list(dict.fromkeys(slugify(tag) for tag in self.md.hashtags)),
        )


_per_thread = threading.local()


def render_comment(
    text: str, *, resolve_mention: MentionResolver, site_root: str = "/",
    departments: Mapping[str, str] = NO_DEPARTMENTS,
) -> RenderedComment:
    """Render `text` with the comment subset of Markdown, link plain URLs, hashtags and known mentions (people, and
    the department accounts of ``departments``: id -> display name), then sanitize."""
    instances: dict[str, CommentMarkdown] = _per_thread.__dict__.setdefault("by_site_root", {})
    if site_root not in instances:
        instances[site_root] = CommentMarkdown(site_root)
    return instances[site_root].render(text, resolve_mention, departments)
