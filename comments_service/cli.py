"""``flask --app comments_service <command>``: db-upgrade, sync, snapshot and serve."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from . import db
from .signals import the_app
from .sync import ManifestError, sync_and_announce


@click.command("db-upgrade")
@with_appcontext
def db_upgrade_command() -> None:
    """Apply the pending schema migrations (start-up does this too unless PLEIN_AUTO_MIGRATE=0)."""
    db.upgrade(db.engine(), Path(current_app.instance_path) / "migrate.lock")
    click.echo("database schema is up to date")


@click.command("sync")
@with_appcontext
@click.argument("manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def sync_command(manifest: Path) -> None:
    """Bring pages in step with a build's manifest (site/plein/manifest.json); prints the summary."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        summary = sync_and_announce(data)
    except (ValueError, ManifestError) as error:
        raise click.ClickException(f"{manifest}: {error}") from None
    click.echo(json.dumps(summary.as_json(), ensure_ascii=False))


@click.command("snapshot")
@with_appcontext
@click.argument("target", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def snapshot_command(target: Path) -> None:
    """Write every live conversation, as ``GET /api/snapshot`` answers it, to TARGET: a build with
    ``PLEIN_SNAPSHOT_FILE=TARGET`` then carries it (``make run`` does so before it builds)."""
    from .identity import settings
    from .services.snapshot import build_snapshot

    config = settings()
    pages = build_snapshot(db.session(), site_root=config.site_root, emoji=config.emoji, size=config.thread_page_size)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(current_app.json.dumps({"pages": pages}), encoding="utf-8")
    click.echo(f"snapshot of {len(pages)} conversations written to {target}")


@click.command("serve")
@with_appcontext
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve_command(host: str, port: int) -> None:
    """Serve the built site (PLEIN_SITE_DIR) at / and the API at /api/, in one process."""
    from .devserver import serve

    serve(the_app(), host, port)


def register(app: Flask) -> None:
    """Add the commands to ``app.cli``."""
    for command in (db_upgrade_command, sync_command, snapshot_command, serve_command):
        app.cli.add_command(command)
