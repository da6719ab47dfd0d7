"""Privacy and the data lifecycle: what Plein holds about a person, and what happens to it.

- ``registry``: every table with personal data, how it is exported and erased (a test keeps it complete);
- ``records``: a person's rows, as the registry finds them; ``export``: them as one JSON document;
- ``erasure``: erasing a person (placeholders, deletions, the audit without whom);
- ``retention``: removed comments dated, and purged after ``PLEIN_DELETED_RETENTION_DAYS``;
- ``views``: "Mijn gegevens" (``me/data/``): the download and erasure; ``commands``: ``flask person ...``;
- ``watch``: other processes hear of an erasure within seconds and forget whom they remember as stored;
- ``models``: the audit and the source ids of imported comments.
"""

from __future__ import annotations

from flask import Blueprint, Flask

templates = Blueprint("privacy", __name__, template_folder="templates")
"""Only its templates: the pages themselves are on the service pages' blueprint (``views``)."""


def init_app(app: Flask) -> None:
    """Date removals in their transaction; add ``flask person``; the purge job, "Mijn gegevens", the watch.

    Imported here, not at the top: ``schema`` imports this package's models, and these modules need ``schema``.
    Call before ``pages.init_app``: ``views`` adds its routes to the pages' blueprint on its first import.
    """
    from ..signals import comment_written
    from . import commands, retention, views, watch  # noqa: F401 - views: routes; retention: the periodic purge

    comment_written.connect(retention.note_removal, app, weak=False)
    app.cli.add_command(commands.person_group)
    app.register_blueprint(templates)
    app.before_request(watch.forget_the_erased)
