"""The data lifecycle's commands: ``flask backup``, ``restore``, ``export`` and ``import`` (docs/lifecycle.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .. import db
from ..identity import settings
from ..indexing import all_documents
from ..search.views import EXTENSION
from .addresses import Addresses
from .backup import LifecycleError, backup, restore
from .disqus import read_disqus
from .importer import Incoming, ImportSummary, import_comments
from .isso import SourceError, read_isso
from .transfer import check_document, export_document, import_document, incoming

FILE = click.Path(dir_okay=False, path_type=Path)
READERS: dict[str, Callable[[Path, Addresses], list[Incoming]]] = {"isso": read_isso, "disqus": read_disqus}


@click.command("backup")
@with_appcontext
@click.argument("path", type=FILE)
def backup_command(path: Path) -> None:
    """Back the database up to PATH while the service runs (SQLite: online backup; PostgreSQL: pg_dump)."""
    try:
        backup(db.engine(), path)
    except LifecycleError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"backed up to {path}")


@click.command("restore")
@with_appcontext
@click.argument("path", type=FILE)
def restore_command(path: Path) -> None:
    """Restore the backup at PATH into this empty database, then rebuild the search index from it."""
    try:
        restore(db.engine(), path)
    except LifecycleError as error:
        raise click.ClickException(str(error)) from None
    with click.progressbar(all_documents(), label="Rebuilding the search index") as documents:
        count = current_app.extensions[EXTENSION].rebuild(documents)
    click.echo(f"restored {path}; indexed {count} documents")


@click.command("export")
@with_appcontext
@click.argument("path", type=FILE)
def export_command(path: Path) -> None:
    """Write every conversation (people, comments with their former texts, reactions) to PATH as JSON."""
    document = export_document(db.session(), settings().site_url)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    click.echo(f"exported {len(document['comments'])} comments and {len(document['reactions'])} reactions to {path}")


@click.command("import")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "source", type=click.Choice(["plein", "isso", "disqus"]), default="plein", show_default=True,
              help="What PATH is: a `flask export` file, an Isso database, a Disqus XML export.")
def import_command(path: Path, source: str) -> None:
    """Import conversations from PATH; pages are found by the built site's manifest; a second run adds nothing."""
    config = settings()
    try:
        if source == "plein":
            document = check_document(json.loads(path.read_text(encoding="utf-8")))
            comments = incoming(document)
            with click.progressbar(comments, label="Importing comments") as bar:
                summary = import_document(config, document, bar)
        else:
            comments = READERS[source](path, Addresses.from_site(config.site_dir, config.site_root))
            with click.progressbar(comments, label="Importing comments") as bar:
                summary = import_comments(config, bar, ImportSummary())
    except (SourceError, ValueError) as error:
        raise click.ClickException(f"{path}: {error}") from None
    click.echo(json.dumps(summary.as_json(), ensure_ascii=False))


COMMANDS = (backup_command, restore_command, export_command, import_command)
