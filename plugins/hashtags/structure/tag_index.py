"""Every hashtag of the site: which pages carry it and how it is spelled most often."""

from __future__ import annotations

from collections import Counter

from mkdocs.structure.pages import Page

from hashtag_grammar import slugify


class TagIndex:
    """Filled page by page while pages are read, read in `on_env`; linear in the number of hashtags written."""

    def __init__(self) -> None:
        self._pages: dict[str, list[Page]] = {}
        self._spellings: dict[str, Counter[str]] = {}

    def add(self, page: Page, tags: list[str]) -> dict[str, str]:
        """Record the hashtags of `page` (as written, repeats included); returns slug -> first spelling on it."""
        first: dict[str, str] = {}
        for tag in tags:
            slug = slugify(tag)
            first.setdefault(slug, tag)
            self._spellings.setdefault(slug, Counter())[tag] += 1
        for slug in first:
            self._pages.setdefault(slug, []).append(page)
        return first

    def __len__(self) -> int:
        """How many hashtags the site has: the theme shows its "Hashtags" menu item only when there are any."""
        return len(self._pages)

    def __contains__(self, slug: object) -> bool:
        return slug in self._pages

    def label(self, slug: str) -> str:
        """The most common spelling; on a tie, the one seen first."""
        return self._spellings[slug].most_common(1)[0][0]

    def count(self, slug: str) -> int:
        """How many pages carry the hashtag."""
        return len(self._pages[slug])

    def pages(self, slug: str) -> list[Page]:
        """Pages carrying the hashtag, by title."""
        return sorted(self._pages[slug], key=lambda page: (page.title or "").casefold())

    def slugs(self) -> list[str]:
        """All hashtags, most used first, then by name."""
        return sorted(self._pages, key=lambda slug: (-self.count(slug), self.label(slug).casefold(), slug))
