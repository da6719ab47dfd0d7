"""Page owners from front matter (`owner:` a person or team, or a list of them)."""

from __future__ import annotations

from typing import Any


def owners(meta: dict[str, Any]) -> list[str]:
    """`owner` as a list of names; empty when absent."""
    owner = meta.get("owner")
    if owner is None:
        return []
    if isinstance(owner, list):
        return [str(name) for name in owner]
    return [str(owner)]
