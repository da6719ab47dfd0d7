"""Configuration of the plein-snapshot plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SnapshotConfig(Config):
    """Where the comments service lives; without an address the build carries no snapshot.

    `service_url` may also come from the environment variable `PLEIN_SERVICE_URL`, so CI can
    point a build at the service without editing `mkdocs.yml`. Without one, `snapshot_file` (or
    `PLEIN_SNAPSHOT_FILE`) names a file of the same JSON, written by `flask --app comments_service
    snapshot FILE` from the service's database: what `make run` does before it builds.
    """

    enabled = c.Type(bool, default=True)
    service_url = c.Optional(c.Type(str))
    snapshot_file = c.Optional(c.Type(str))
    timeout = c.Type(float, default=10.0)
