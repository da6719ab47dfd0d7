"""Options of plein-identity."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class IdentityConfig(Config):
    """`plugins: - plein-identity: {...}` in mkdocs.yml."""

    #: Off: no `plein_id`, no manifest (the comments service then has nothing to sync).
    enabled = c.Type(bool, default=True)
    #: The front matter key that pins a page's identity. Sites whose `id:` means something else (their own URNs,
    #: say) pick another, e.g. `plein_id`.
    id_key = c.Type(str, default="id")
