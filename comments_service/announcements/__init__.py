"""Announcements: messages that stay on top of every page for each signed-in reader until they open or
dismiss them, at most about two a week.

- ``models``: announcements, who has seen them, their mail outbox;
- ``board``: the current ones (kept per process) and a reader's unseen ones, which the thread answer and
  ``/api/me`` carry (no request of their own);
- ``services``: posting one (communication role) and the checks shared with content; ``content``: the sync's
  side (front matter); ``mailing``: mailed once to everyone, in the job worker; ``reach``: the announcer's figures;
- ``views``: the API; ``pages``: the HTML pages; ``strings``: their words in Dutch and English.
"""

from __future__ import annotations

from flask import Flask

from ..signals import pages_syncing
from . import content, mailing
from .board import EXTENSION, Board
from .views import bp

JOBS = (mailing,)  # imported for the periodic job it registers


def init_app(app: Flask) -> None:
    """The board, the API, the sync's listener; the HTML pages join the pages blueprint (call before
    ``pages.init_app``)."""
    from . import pages  # noqa: F401 - its routes join the pages blueprint (it imports the pages package)

    app.extensions[EXTENSION] = Board()
    app.register_blueprint(bp)
    pages_syncing.connect(content.on_pages_syncing, app, weak=False)
