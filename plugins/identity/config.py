"""Options of plein-identity."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class IdentityConfig(Config):
    """`plugins: - plein-identity: {...}` in mkdocs.yml."""

    #: Off: no `plein_id`, no manifest (the comments service then has nothing to sync).
    enabled = c.Type(bool, default=True)
