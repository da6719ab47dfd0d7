"""HTML of the generated hashtag pages and of the index; the theme wraps it like any other page content."""

from __future__ import annotations

from html import escape

from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from plugins.owners import owners
from plugins.page_text import first_sentence


def tag_page_html(tag_page: Page, pages: list[Page]) -> str:
    """A list of the pages carrying one hashtag: title and link, owner, short description."""
    items = "".join(_tagged_page_item(page, tag_page) for page in pages)
    return f'<ul class="plein-tagged">{items}</ul>'


def _tagged_page_item(page: Page, tag_page: Page) -> str:
    href = get_relative_url(page.url, tag_page.url)
    item = f'<li class="plein-tagged__page"><a href="{escape(href)}">{escape(page.title or page.url)}</a>'
    if names := owners(page.meta):
        item += f' <span class="plein-tagged__owner">{escape(", ".join(names))}</span>'
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
