"""The rules of page identity (docs/architecture.md, "Page identity")."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping
from typing import Any

from plugins.git_metadata.structure import PageHistory


@dataclass(frozen=True)
class Identity:
    """A page's identity and the identities it had before (aliases first, then those of former paths)."""

    id: str
    former_ids: list[str]


def path_identity(src_path: str) -> str:
    """The identity a docs-relative path gives: POSIX, without `.md`."""
    return src_path.removesuffix(".md")


def page_identity(derived: str, meta: Mapping[str, Any], history: PageHistory | None, id_key: str = "id") -> Identity:
    """Front matter `id_key` pins it; else `derived`, the identity git history gives it (`claims`).

    A pinned page also lists the identity git would give it, so pinning an existing page keeps its conversation.
    Any string is an identity (colons, spaces, capitals, non-ASCII): it is data, never a file name.
    """
    pinned = meta.get(id_key)
    identity = str(pinned) if pinned not in (None, "") else derived
    aliases = meta.get("aliases") or []
    candidates = [str(alias) for alias in ([aliases] if isinstance(aliases, str) else aliases)]
    candidates += [path_identity(path) for path in (history.former_paths if history else [])]
    candidates.append(derived)
    return Identity(identity, [former for former in dict.fromkeys(candidates) if former != identity])
