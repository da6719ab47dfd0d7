"""plein-scrollables: tables and code blocks in a page take the keyboard's focus (``tabindex="0"``).

The theme lets them scroll sideways on a phone rather than widen the page (`.page table` and `pre` in
theme.css); a reader without a pointer can only scroll what can take the focus (WCAG 2.1.1, axe-core's
`scrollable-region-focusable`). Code blocks come from Python-Markdown's stash of raw HTML, past any tree processor,
so the page's finished HTML is where both are reached: each `<table>` and `<pre>` start tag without a tabindex of
its own gets one. Text cannot hold such a tag: Markdown escapes `<` outside raw HTML.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

SCROLLING_TAG = re.compile(r"<(table|pre)(?=[\s>])(?![^>]*\btabindex=)", re.IGNORECASE)


def focusable_scrollers(html: str) -> str:
    """``html`` with every table and code block focusable."""
    return SCROLLING_TAG.sub(r'<\1 tabindex="0"', html)


class ScrollablesPlugin(BasePlugin):
    """Make each page's tables and code blocks focusable."""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return focusable_scrollers(html)
