"""The real SMTP server on 127.0.0.1 for every folder whose tests send mail (a plugin of tests/conftest.py).

It listens on one port chosen when ``mail_helpers`` loads, so test modules can name it in their ``plein_settings``
mark (``mail_helpers.MAIL``) and a test can take the server down and bring it back.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mail_helpers import SMTP_PORT, SmtpServer


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """The SMTP server, up; stopped after the test."""
    server = SmtpServer(SMTP_PORT)
    server.start()
    yield server
    server.stop()
