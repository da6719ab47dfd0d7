"""Notifications: who must hear about a change, decided in the write's own transaction, then told.

- ``models``: notifications (the outbox), follows, mail preferences, each person's mail schedule;
- ``events``: the rules (reply, mention, page owner, follow, reactions) that turn a change into rows;
- ``views``: the API of the bell, the notifications list, preferences and follows;
- ``mail/``: composing, sending and the delivery rules of mail; ``unsubscribe``: the no-login unsubscribe;
- ``jobs``: the job queue (huey) that runs deliveries outside requests, and ``flask jobs``.
"""

from __future__ import annotations

from flask import Flask

from . import events, jobs


def init_app(app: Flask) -> None:
    """Connect the rules to the service's changes; give the app its job queue."""
    events.init_app(app)
    jobs.init_app(app)
