"""Configuration of the plein-snapshot plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SnapshotConfig(Config):
    """Where the comments service lives; without an address the build carries no snapshot.

    `service_url` may also come from the environment variable `PLEIN_SERVICE_URL`, so CI can
    point a build at the service without editing `mkdocs.yml`.
    """

    enabled = c.Type(bool, default=True)
    service_url = c.Optional(c.Type(str))
    timeout = c.Type(float, default=10.0)
