"""Who keeps an identity that git history gives to two files: a page renamed away and a new file at its old path.

Git gives a file the identity of the path it was first added at, following renames. When `a.md` was renamed to
`b.md` and later a new `a.md` was created, both would be `a`. The file added first (`b.md`, renames followed)
keeps `a` and its conversation; every later one gets `a@<12 hex digits of the commit that added it>`: that commit
is the same in every clone and never changes, and no other file can ever have been added by it at that path, so
a deleted page's archived identity is never handed to a newcomer. A file not committed yet gets
`a@uncommitted` until its first commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from plugins.git_metadata.structure import PageHistory
from plugins.identity.identity import path_identity

UNCOMMITTED = "uncommitted"
SHA_DIGITS = 12


@dataclass(frozen=True)
class Claim:
    """The identity git history gives a file; `keeper` names the file that kept the plain path identity instead."""

    identity: str
    keeper: str | None = None


def derived_identities(src_paths: Iterable[str], histories: dict[str, PageHistory]) -> dict[str, Claim]:
    """Each docs-relative path's identity from git (before front matter), unique among them; linear time."""
    claimants: dict[str, list[str]] = {}
    for src_path in src_paths:
        history = histories.get(src_path)
        claimants.setdefault(path_identity(history.first_path if history else src_path), []).append(src_path)
    claims: dict[str, Claim] = {}
    for identity, paths in claimants.items():
        # Oldest addition first; a file outside the history (not committed yet) last.
        paths.sort(key=lambda path: (path not in histories, histories[path].created if path in histories else 0, path))
        keeper, *later = paths
        claims[keeper] = Claim(identity)
        for path in later:
            history = histories.get(path)
            suffix = history.created_commit[:SHA_DIGITS] if history else UNCOMMITTED
            claims[path] = Claim(f"{identity}@{suffix}", keeper)
    return claims
