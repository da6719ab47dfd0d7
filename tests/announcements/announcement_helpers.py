"""Helpers of the announcement tests: the settings they run with, and a site whose news page announces."""

from __future__ import annotations

from typing import Any

from tests.service.service_helpers import manifest, manifest_page

ROLES = {"PLEIN_COMMUNICATION_GROUPS": "communicatie", "PLEIN_DEPARTMENTS": "hr=HR;communicatie=Communicatie"}
"""Settings of these tests: the group ``communicatie`` has the communication role and is a department account."""
NEWS = "nieuws/verhuizing"
PLAIN: dict[str, Any] = {"from": None, "until": None, "required": False, "mail": False}
"""An announcement from now on, without end, mail or obligation."""


def site(*, announcement: dict[str, Any] | None = PLAIN, **pages: dict[str, Any] | None) -> dict[str, Any]:
    """A manifest of the home page and ``nieuws/verhuizing`` (with ``announcement``), and further ``pages``."""
    entries = [manifest_page("index", url=""), manifest_page(NEWS, title="We verhuizen", announcement=announcement)]
    entries += [manifest_page(page_id, announcement=value) for page_id, value in pages.items()]
    return manifest(*entries)
