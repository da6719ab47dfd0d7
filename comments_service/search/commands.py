"""`flask reindex`: rebuild the search index from the database and the manifest, with a progress bar."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from .views import EXTENSION
from .whoosh_backend import DocumentSource


def reindex_command(source: DocumentSource) -> click.Command:
    """The `reindex` command for `app.cli.add_command`; `source` yields every page and visible comment.

    It rebuilds into a fresh directory and swaps it in, so searches keep working meanwhile; the running
    workers pick up the new index within a fraction of a second.
    """

    @click.command("reindex")
    @with_appcontext
    def reindex() -> None:
        """Rebuild the search index over all pages and comments."""
        backend = current_app.extensions[EXTENSION]
        with click.progressbar(source(), label="Indexing pages and comments") as docs:
            count = backend.rebuild(docs)
        click.echo(f"Indexed {count} documents.")

    return reindex
