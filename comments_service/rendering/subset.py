"""The Markdown subset comments may use: Python-Markdown with everything outside it switched off.

Raw HTML is *escaped*, not interpreted: a user who types `<b>` sees `<b>` as text. Python-Markdown has no
switch for that any more, so this extension removes the two places that pass HTML through (the block
pre-processor and the inline pattern); the serializer then escapes `<` like any other text.
Images are switched off (`![alt](url)` stays text, as typed), headings and rules too (their lines stay
paragraphs, so a comment that starts with `#WOL` is a hashtag, not a heading).
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension

# (registry, name) pairs removed from a stock Markdown instance.
_SWITCHED_OFF: tuple[tuple[str, str], ...] = (
    ("preprocessors", "html_block"),
    ("inlinePatterns", "html"),
    ("inlinePatterns", "image_link"),
    ("inlinePatterns", "image_reference"),
    ("inlinePatterns", "short_image_ref"),
    ("blockprocessors", "hashheader"),
    ("blockprocessors", "setextheader"),
    ("blockprocessors", "hr"),
)


class CommentSubsetExtension(Extension):
    """Deregister raw HTML, images, headings and horizontal rules."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        for registry_name, name in _SWITCHED_OFF:
            registry = md.parser.blockprocessors if registry_name == "blockprocessors" else getattr(md, registry_name)
            registry.deregister(name)
