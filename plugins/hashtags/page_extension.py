"""The hashtag extension as plein-hashtags hands it to MkDocs: two additions to the shared `HashtagExtension`.

1. It remembers the Markdown instance MkDocs made for the page being rendered, so the plugin can read its
   `hashtags` in `on_page_content` (MkDocs makes a new instance per page and does not pass it to plugins).
2. Hashtag links skip MkDocs' link check. MkDocs resolves every relative link against the docs files, which cost
   about half of all the time hashtags added to a build; a hashtag link is already the final URL of a page that
   exists (created in `on_files`). It is written behind a pseudo-scheme, which MkDocs leaves alone as an external
   link, and the scheme is removed from the serialized HTML.
"""

from __future__ import annotations

import markdown
from markdown.postprocessors import Postprocessor

from hashtag_grammar import HashtagExtension

SHIELD = "plein-hashtag:"


class _Unshield(Postprocessor):
    def run(self, text: str) -> str:
        return text.replace(f'href="{SHIELD}', 'href="')


class PageHashtagExtension(HashtagExtension):
    """`HashtagExtension` whose `url_for` returns shielded URLs (see the module docstring)."""

    markdown: markdown.Markdown

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        super().extendMarkdown(md)
        md.postprocessors.register(_Unshield(md), "plein_hashtag_unshield", 5)
        self.markdown = md
