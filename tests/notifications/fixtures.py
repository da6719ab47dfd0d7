"""The real SMTP server on 127.0.0.1 for every folder whose tests send mail, and a real job worker (a plugin of
tests/conftest.py).

It listens on one port chosen when ``mail_helpers`` loads, so test modules can name it in their ``plein_settings``
mark (``mail_helpers.MAIL``) and a test can take the server down and bring it back.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from comments_service.clock import ControlledClock

from mail_helpers import SMTP_PORT, SmtpServer, plain_settings

WORKER = Path(__file__).resolve().parent / "worker.py"


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """The SMTP server, up; stopped after the test."""
    server = SmtpServer(SMTP_PORT)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def worker(settings: dict[str, Any], clock: ControlledClock, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A huey worker process on the test's database, queue and SMTP server; killed after the test."""
    log = (tmp_path / "worker.log").open("wb")
    process = subprocess.Popen([sys.executable, str(WORKER), json.dumps(plain_settings(settings)),
                                clock.now().isoformat()], stdout=log, stderr=subprocess.STDOUT)
    yield process
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)
    log.close()
