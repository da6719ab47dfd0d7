"""plein-scrollables: each page's tables and code blocks take the keyboard's focus (see the package).

Code blocks come from Python-Markdown's stash of raw HTML, past any tree processor, so the page's finished HTML is
where both are reached.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plugins.scrollables import focusable_scrollers


class ScrollablesPlugin(BasePlugin):
    """Make each page's tables and code blocks focusable."""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return focusable_scrollers(html)
