"""Page owners from front matter: `owner:` or `owners:`, each a person or team, or a list of them.

A person is named by the id the sign-in gives them, by e-mail address, or as `Name <address>`; a team as the
sign-in's groups header names it. The page shows names; the manifest lists keys (docs/manifest.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from plugins.front_matter import Named, each_once, people


def owners(meta: Mapping[str, Any], warn: Callable[[str], None] | None = None) -> list[Named]:
    """`owner` and `owners` as one list, each owner once, in the order written; empty when absent."""
    return each_once((people(meta, "owner", warn) or []) + (people(meta, "owners", warn) or []))
