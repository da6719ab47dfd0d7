"""The k-anonymity rule of analytics: no figure about fewer than K people."""

from __future__ import annotations

K = 5


def at_least_k(count: int) -> int | None:
    """``count`` when it is about K people or more (or nobody), else ``None`` (shown as "fewer than 5")."""
    return count if count >= K or count == 0 else None


def merge_small(groups: list[tuple[str, int]], other: str) -> list[tuple[str, int]]:
    """Groups of fewer than K merged into ``other``; while ``other`` holds 1 to K-1 people, the smallest group
    joins it too, so no group shown is smaller than K. Largest first, ``other`` last."""
    merged: dict[str, int] = {}
    rest = 0
    for name, count in groups:
        if count >= K and name != other:
            merged[name] = merged.get(name, 0) + count
        else:
            rest += count
    while 0 < rest < K and merged:
        smallest = min(merged, key=lambda name: (merged[name], name))
        rest += merged.pop(smallest)
    shown = sorted(merged.items(), key=lambda item: (-item[1], item[0]))
    return shown + ([(other, rest)] if rest >= K else [])
