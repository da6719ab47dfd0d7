"""The data lifecycle: backup and restore of the whole database, and conversations out of Plein and in
(another Plein's export, Isso, Disqus).

- ``backup``: ``flask backup`` / ``flask restore`` (SQLite's online backup; PostgreSQL's pg_dump);
- ``transfer``: the JSON export format and its import; ``isso``, ``disqus``: the other systems' files;
- ``importer``: storing imported comments exactly once; ``addresses``: their URLs to pages by the manifest;
- ``commands``: the CLI.
"""

from __future__ import annotations

from flask import Flask

from .commands import COMMANDS


def init_app(app: Flask) -> None:
    """Add the commands."""
    for command in COMMANDS:
        app.cli.add_command(command)
