"""HTML of the generated hashtag pages and of the index; the theme wraps it like any other page content."""

from __future__ import annotations

import posixpath
from html import escape

from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from html_text import first_sentence
from plugins.owners import owners


class TagPageListing:
    """Lists the pages carrying a hashtag: title and link, owner, short description.

    A page carries several hashtags; its list item is built once per folder of hashtag pages (all of them sit in
    `tags/`, so once), not once per hashtag.
    """

    def __init__(self) -> None:
        self._items: dict[tuple[str, str], str] = {}

    def html(self, tag_page: Page, pages: list[Page]) -> str:
        folder = posixpath.dirname(tag_page.url.rstrip("/"))
        items = "".join(self._item(page, tag_page, folder) for page in pages)
        return f'<ul class="plein-tagged">{items}</ul>'

    def _item(self, page: Page, tag_page: Page, folder: str) -> str:
        key = (page.file.src_uri, folder)
        if (item := self._items.get(key)) is None:
            item = self._items[key] = _tagged_page_item(page, tag_page)
        return item


def _tagged_page_item(page: Page, tag_page: Page) -> str:
    href = get_relative_url(page.url, tag_page.url)
    item = f'<li class="plein-tagged__page"><a href="{escape(href)}">{escape(page.title or page.url)}</a>'
    if named := owners(page.meta):
        item += f' <span class="plein-tagged__owner">{escape(", ".join(owner.name for owner in named))}</span>'
    if description := page.meta.get("description") or first_sentence(page.content or ""):
        item += f'<p class="plein-tagged__description">{escape(str(description))}</p>'
    return item + "</li>"


def index_html(index_page: Page, tags: list[tuple[str, Page, int]]) -> str:
    """All hashtags as `(label, hashtag page, number of pages)`, in the order given."""
    items = "".join(
        f'<li><a class="hashtag" href="{escape(get_relative_url(page.url, index_page.url))}">#{escape(label)}</a>'
        f' <span class="plein-hashtag-index__count">{count}</span></li>'
        for label, page, count in tags
    )
    return f'<ul class="plein-hashtag-index">{items}</ul>'
