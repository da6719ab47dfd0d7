"""Options of plein-assets."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class AssetsConfig(Config):
    """`plugins: - plein-assets: {...}` in mkdocs.yml."""

    #: Off serves the readable source as it is (for debugging the widget in a browser).
    minify = c.Type(bool, default=True)
