"""The service's job worker with one more periodic job, ``scaleout_probe``, which notes each run it makes in the
file ``PLEIN_TEST_PROBE_FILE``: ``flask --app tests.scaleout.consumer jobs``, for the test of periodic jobs
across hosts."""

from __future__ import annotations

import os

from flask import Flask
from huey import crontab

from comments_service import create_app as create_service
from comments_service.notifications.jobs import periodic


@periodic("scaleout_probe", crontab())
def probe(app: Flask) -> None:
    """Every minute: one line, the process that ran it."""
    with open(os.environ["PLEIN_TEST_PROBE_FILE"], "a", encoding="utf-8") as notes:
        notes.write(f"{os.getpid()}\n")


def create_app() -> Flask:
    return create_service()
