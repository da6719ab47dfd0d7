"""Page owners from front matter: `owner:` or `owners:`, each a person or team, or a list of them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugins.front_matter import names


def owners(meta: Mapping[str, Any]) -> list[str]:
    """`owner` and `owners` as one list of names, each once, in the order written; empty when absent."""
    return list(dict.fromkeys((names(meta, "owner") or []) + (names(meta, "owners") or [])))
