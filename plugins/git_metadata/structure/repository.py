"""What the build knows about the git repository the docs live in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Repository:
    """A repository with at least one commit, seen from the docs folder."""

    #: Path of the docs folder inside the repository (`"docs/"`, or `""` when it is the repository root).
    prefix: str
    shallow: bool
    head: str
