"""Fixtures for mail: the service's fixtures (an app on SQLite and PostgreSQL, people, pages) and a real SMTP
server on 127.0.0.1 (its port and the settings that mail through it: ``mail_helpers``).

The service's fixtures come from the plugin ``tests/service/fixtures.py`` (named in ``tests/conftest.py``). The server listens on one port chosen when ``mail_helpers`` loads, so the test modules can name it in their
``plein_settings`` mark (``MAIL``) and a test can take the server down and bring it back.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


from mail_helpers import SMTP_PORT, SmtpServer  # noqa: E402


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """The SMTP server, up; stopped after the test."""
    server = SmtpServer(SMTP_PORT)
    server.start()
    yield server
    server.stop()
