"""``flask person export ID`` and ``flask person erase ID``: what "Mijn gegevens" does, for admins."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from .. import db
from ..errors import ApiError
from .erasure import erase_person
from .export import personal_data

person_group = click.Group("person", help="A person's data: export it, erase it (GDPR requests).")


@person_group.command("export")
@with_appcontext
@click.argument("person_id")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="A file instead of stdout.")
def export_command(person_id: str, output: Path | None) -> None:
    """Everything Plein holds about PERSON_ID as JSON (the format of the "Mijn gegevens" download)."""
    try:
        data = personal_data(db.session().connection(), person_id)
    except ApiError as error:
        raise click.ClickException(error.message) from None
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output is None:
        click.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")


@person_group.command("erase")
@with_appcontext
@click.argument("person_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def erase_command(person_id: str, yes: bool) -> None:
    """Erase PERSON_ID: comments become placeholders, the rest goes; prints how many rows each table lost."""
    if not yes:
        click.confirm(f"Erase everything Plein holds about {person_id}? This cannot be undone", abort=True)
    try:
        summary = db.retried(lambda session: erase_person(session, person_id))
    except ApiError as error:
        raise click.ClickException(error.message) from None
    click.echo(json.dumps(summary))
