"""Options of plein-hashtags."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HashtagsConfig(Config):
    """`plugins: - plein-hashtags: {...}` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    #: Title of the index of all hashtags at `tags/`.
    index_title = c.Type(str, default="Hashtags")
