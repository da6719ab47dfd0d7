"""Fixtures for OpenID Connect login: a real OpenID provider on 127.0.0.1 and the service configured for it.

The provider is node-oidc-provider (OpenID Certified) with its development login pages, installed by
``make test`` into ``tests/oidc/provider/node_modules``; the service tests' app (SQLite and PostgreSQL) is
configured for it through ``folder_settings``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from oidc_helpers import CLIENTS, running_provider

@pytest.fixture(scope="session")
def openid_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The provider of the service tests, its clients at the site ``http://intranet.test/``."""
    with running_provider(CLIENTS, tmp_path_factory.mktemp("oidc")) as issuer:
        yield issuer


@pytest.fixture
def folder_settings(openid_provider: str) -> dict[str, Any]:
    """The service signs people in with the provider, on the site ``http://intranet.test/``."""
    return {
        "PLEIN_OIDC_ISSUER": openid_provider,
        "PLEIN_OIDC_CLIENT_ID": "plein",
        "PLEIN_OIDC_CLIENT_SECRET": "plein-secret",
        "PLEIN_OIDC_SCOPES": "openid profile email groups",
        "PLEIN_MODERATOR_GROUPS": "moderatoren",
    }
