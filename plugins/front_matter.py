"""Front matter fields that name people: a single name or a list of names, as editors write them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def names(meta: Mapping[str, Any], key: str) -> list[str] | None:
    """The field as a list of names (``owner: Team HR`` and ``owner: [Team HR, Eva]`` alike); None when absent."""
    value = meta.get(key)
    if value is None:
        return None
    return [str(name) for name in value] if isinstance(value, list) else [str(value)]
