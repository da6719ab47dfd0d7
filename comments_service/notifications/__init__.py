"""Notifications: who must hear about a change, queued by the write, decided and told by the job worker.

- ``models``: notifications (the outbox), the queue of comments to tell, follows, mail preferences, each person's
  mail schedule;
- ``queue``: a write queues its comment; the worker takes the queue in batches (``notify_queued``);
- ``events``: the rules (reply, mention, page owner, follow, reactions) that turn changes into rows;
- ``views``: the API of the bell, the notifications list, preferences and follows;
- ``mail/``: composing, sending and the delivery rules of mail; ``unsubscribe``: the no-login unsubscribe;
- ``jobs``: the job queue (huey) that tells queued changes and runs deliveries outside requests, and ``flask jobs``.
"""

from __future__ import annotations

from flask import Flask

from . import events, jobs, queue


def init_app(app: Flask) -> None:
    """Queue the service's comment changes, gather reactions; give the app its job queue."""
    queue.init_app(app)
    events.init_app(app)
    jobs.init_app(app)
