"""plein-hashtags: link hashtags in prose, then generate a page per hashtag and an index of them all.

Build order (MkDocs 1.6, `commands/build.py`): `on_files` runs before any page is read, so the hashtag pages are
created there from a loose scan of the sources (`candidates`): every hashtag link points to a page that exists;
pages are rendered one by one (`on_page_content` records their hashtags); `on_env` runs once every page was read
and fills in the hashtag pages, dropping candidates that were no hashtag. The list of pages to build is taken
again after `on_env`, so dropped files are not written.
"""

from __future__ import annotations

import json

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from plugins.hashtags.candidates import candidate_slugs
from plugins.hashtags.config import HashtagsConfig
from plugins.hashtags.listing import TagPageListing, index_html
from plugins.hashtags.page_extension import SHIELD, PageHashtagExtension
from plugins.hashtags.page_marks import HASHTAG_INDEX, HASHTAG_PAGE, is_hashtag_page
from plugins.hashtags.structure import Hashtag, TagIndex
from hashtag_grammar import slugify, tag_url

log = get_plugin_logger(__name__)

TAGS_DIR = "tags"


class HashtagsPlugin(BasePlugin[HashtagsConfig]):
    """Sets `page.meta["plein_hashtags"]`; generates `tags/<slug>/` and `tags/`."""

    def __init__(self) -> None:
        self.extension = PageHashtagExtension(self._url_for)
        self.index = TagIndex()
        self._tag_files: dict[str, File] = {}
        self._index_file: File | None = None
        self._page_url = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """MkDocs makes a Markdown instance per page from `markdown_extensions`; extension instances are allowed."""
        if self.config.enabled and self.extension not in config.markdown_extensions:
            config.markdown_extensions.append(self.extension)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Create the index and a page per candidate hashtag, before any page is rendered and links to them made."""
        self.index, self._tag_files, self._index_file = TagIndex(), {}, None
        if not self.config.enabled:
            return files
        slugs: set[str] = set()
        for file in files.documentation_pages():
            slugs |= candidate_slugs(file.content_string)
        self._index_file = self._generate(
            files, config, f"{TAGS_DIR}/index.md", {HASHTAG_INDEX: True, "title": self.config.index_title}
        )
        for slug in sorted(slugs):
            if tag_file := self._generate(files, config, f"{TAGS_DIR}/{slug}/index.md", {HASHTAG_PAGE: slug}):
                self._tag_files[slug] = tag_file
        return files

    def _generate(self, files: Files, config: MkDocsConfig, src_uri: str, meta: dict[str, object]) -> File | None:
        """A page outside the navigation whose front matter marks it for the theme; its body comes in `on_env`."""
        if files.get_file_from_path(src_uri) is not None:
            log.warning(f"'{src_uri}' exists in the docs, so plein-hashtags does not generate it")
            return None
        front_matter = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
        generated = File.generated(
            config, src_uri, content=f"---\n{front_matter}---\n", inclusion=InclusionLevel.NOT_IN_NAV
        )
        files.append(generated)
        return generated

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Remember the page about to be rendered: hashtag links are relative to it."""
        self._page_url = page.url
        return markdown

    def _url_for(self, tag: str) -> str:
        """The hashtag page's URL relative to the page being rendered, shielded from MkDocs' link check."""
        return SHIELD + get_relative_url(self._site_url(slugify(tag), tag), self._page_url)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page is rendered: record its hashtags for the hashtag pages and attach them for the theme."""
        if not self.config.enabled or is_hashtag_page(page.meta):
            return html
        first_spelling = self.index.add(page, self.extension.markdown.hashtags)
        page.meta["plein_hashtags"] = [
            Hashtag(label=label, slug=slug, url=self._site_url(slug, label)) for slug, label in first_spelling.items()
        ]
        return html

    def _site_url(self, slug: str, label: str) -> str:
        """URL of the hashtag page relative to the site root."""
        target = self._tag_files.get(slug)
        return target.url if target else tag_url(label, site_root="")

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every page was read: drop candidates that were no hashtag, fill in the hashtag pages and the index."""
        for slug in [slug for slug in self._tag_files if slug not in self.index]:
            files.remove(self._tag_files.pop(slug))
        listing = TagPageListing()
        for slug, tag_file in self._tag_files.items():
            page = _page(tag_file)
            page.meta["title"] = f"#{self.index.label(slug)}"
            page.content = listing.html(page, self.index.pages(slug))
        if self._index_file is not None:
            index_page = _page(self._index_file)
            listed = [
                (self.index.label(slug), _page(self._tag_files[slug]), self.index.count(slug))
                for slug in self.index.slugs()
                if slug in self._tag_files
            ]
            index_page.content = index_html(index_page, listed)
        return env


def _page(file: File) -> Page:
    """The page MkDocs made for a generated file while reading pages."""
    assert file.page is not None, f"MkDocs read no page for {file.src_uri}"
    return file.page
