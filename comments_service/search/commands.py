"""`flask reindex` rebuilds the search index, with a progress bar; `flask search-indexer` keeps it in step."""

from __future__ import annotations

import signal
import threading

import click
from flask import current_app
from flask.cli import with_appcontext

from .backend import DocumentSource
from .views import EXTENSION


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


def indexer_command() -> click.Command:
    """The `search-indexer` command: the index's writer in a process of its own (`PLEIN_SEARCH_INDEXER=external`)."""

    @click.command("search-indexer")
    @click.option("--once", is_flag=True, help="Take the queued changes and merge once, then stop.")
    @with_appcontext
    def search_indexer(once: bool) -> None:
        """Write the search index: take queued changes every second and merge segments, until stopped.

        Run one per host beside the service's workers when PLEIN_SEARCH_INDEXER=external. SIGTERM or Ctrl-C
        stops it after the drain or merge in progress; whatever is still queued waits in the database.
        """
        backend = current_app.extensions[EXTENSION]
        if once:
            applied, merged = backend.drain(), backend.merge()
            click.echo(f"Indexed {applied} changes, merged {merged} segments.")
            return
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.set())
        backend.start()
        click.echo(f"Indexing into {backend.location}; stop with Ctrl-C or SIGTERM.")
        try:
            while not stopping.wait(1.0):
                pass
        finally:
            backend.close()
        click.echo("Search indexer stopped.")

    return search_indexer
