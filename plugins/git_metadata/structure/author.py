"""A commit author."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Author:
    """Name and e-mail as git reports them (after `.mailmap`)."""

    name: str
    email: str
