"""The service's health, for monitoring: ``GET /api/health``.

- ``checks``: what is looked at (the database answers; the job worker takes the notification queue in time);
- ``views``: the endpoint, 200 when every check holds, 503 when one fails, with each check's figures.

A comment's notifications are written by the job worker (``flask jobs``), a process of its own in the production
layout: when none runs, every write still succeeds but nobody's bell counts anything and no mail goes out. Only
the age of the oldest queued comment shows that from outside, so this is what a monitor should poll.
"""
