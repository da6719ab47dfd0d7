"""Comment text (Markdown) to the HTML the service stores: rendered once, at write time."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from markdown import Markdown
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.nl2br import Nl2BrExtension
from markdown.extensions.sane_lists import SaneListExtension

from comments_service.rendering.mentions import MentionExtension, MentionResolver
from comments_service.rendering.sanitize import sanitize
from comments_service.rendering.subset import CommentSubsetExtension
from plugins.hashtags.syntax import HashtagExtension, slugify, tag_url


@dataclass(frozen=True)
class RenderedComment:
    """What a comment's text becomes: safe HTML, hashtag slugs and mentioned person ids, each unique, in order."""

    html: str
    hashtags: list[str]
    mentions: list[str]


def render_comment(text: str, *, resolve_mention: MentionResolver, site_root: str = "/") -> RenderedComment:
    """Render `text` with the comment subset of Markdown, link hashtags and known mentions, then sanitize.

    A Markdown instance costs about as much as one conversion, so each call builds its own: no state is
    shared between threads or between comments.
    """
    mentions = MentionExtension(resolve_mention, site_root)
    md = Markdown(
        extensions=[
            # Instances, not names: a name is looked up among installed entry points on every call.
            FencedCodeExtension(),
            Nl2BrExtension(),
            SaneListExtension(),
            HashtagExtension(partial(tag_url, site_root=site_root)),
            mentions,
            CommentSubsetExtension(),  # last: the hashtag extension registers a heading processor of its own
        ],
        output_format="html",
    )
    html = sanitize(md.convert(text))
    return RenderedComment(
        html=html,
        hashtags=list(dict.fromkeys(slugify(tag) for tag in md.hashtags)),
        mentions=list(dict.fromkeys(mentions.mentions)),
    )
