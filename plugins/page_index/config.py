"""Options of plein-page-index."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PageIndexConfig(Config):
    """`plugins: - plein-page-index: {...}` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    #: Characters of each page's text kept whole, for the result's snippet.
    summary_chars = c.Type(int, default=160)
