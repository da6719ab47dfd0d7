"""Notifications: who must hear about a change, decided in the write's own transaction, then told.

- ``models``: notifications (the outbox), follows, mail preferences, each person's mail schedule;
- ``events``: the rules (reply, mention, page owner, follow, reactions) that turn a change into rows;
- ``views``: the API of the bell, the notifications list, preferences and follows.
"""

from __future__ import annotations

from flask import Flask

from . import events


def init_app(app: Flask) -> None:
    """Connect the rules to the service's changes."""
    events.init_app(app)
