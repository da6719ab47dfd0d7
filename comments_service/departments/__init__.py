"""Department accounts: groups from the identity headers (``PLEIN_DEPARTMENTS``) that members speak for.

- ``models``: the audit trail (who really posted as a department);
- ``services``: who may speak for which department, the audit rows, notifications to a department's members;
- ``page``: the department's page at ``departments/<id>/`` (its members and what it said);
- ``strings``: the page's and errors' words in Dutch and English.

HR or IT bring news that draws harsh reactions; a person should not have to take those alone, so readers see
the department, while moderators and admins see who wrote it.
"""

from __future__ import annotations

from flask import Blueprint, Flask

from . import services

templates = Blueprint("departments", __name__, template_folder="templates")
"""Routes nothing: it makes the package's templates (the department page) known to the app."""


def init_app(app: Flask) -> None:
    """Record department posts in their write's transaction and tell the department's members; add the page
    (imported here, before the pages blueprint is registered: its module imports the pages package)."""
    from . import page  # noqa: F401 - its route joins the pages blueprint

    services.init_app(app)
    app.register_blueprint(templates)
