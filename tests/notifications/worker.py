"""A job worker as ``flask --app comments_service jobs`` runs it, in an app whose clock starts where the test's is.

``python worker.py '<settings as JSON>' <ISO start>``: the child process the worker tests start and kill.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from comments_service import create_app
from comments_service.clock import ControlledClock
from comments_service.notifications.jobs import jobs_command


def main() -> None:
    settings = json.loads(sys.argv[1])
    app = create_app({**settings, "PLEIN_CLOCK": ControlledClock(dt.datetime.fromisoformat(sys.argv[2]))})
    with app.app_context():
        jobs_command.main(args=[], standalone_mode=False)


if __name__ == "__main__":
    main()
