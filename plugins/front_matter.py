"""Front matter fields that name people: a single name or a list of names, as editors write them.

A person may be written as git writes an author, ``Name <address>``: the page shows the name, and the address is
how the comments service finds them (a display name alone matches nobody: names are not unique).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

_NAME_AND_ADDRESS = re.compile(r"(?P<name>[^<>]*?)\s*<(?P<address>[^<>\s@]+@[^<>\s@]+)>")


class NamedError(ValueError):
    """A name with angle brackets that are not ``Name <address>``; the message says what was written."""


@dataclass(frozen=True)
class Named:
    """One entry of such a field: what the page shows, and the address written beside it ("" when none)."""

    name: str
    address: str = ""

    @property
    def key(self) -> str:
        """How the service knows the entry: the address when written, else the name as written (an id or a group)."""
        return self.address or self.name


def names(meta: Mapping[str, Any], key: str) -> list[str] | None:
    """The field as a list of names (``owner: Team HR`` and ``owner: [Team HR, Eva]`` alike); None when absent.
    A list's empty items (``- `` alone: YAML's null) are no names."""
    value = meta.get(key)
    if value is None:
        return None
    return [str(name) for name in value if name is not None] if isinstance(value, list) else [str(value)]


def people(meta: Mapping[str, Any], key: str, warn: Callable[[str], None] | None = None) -> list[Named] | None:
    """The field's entries, each once (by key), in the order written; None when absent. A blank entry is left out
    and an entry that ``named`` refuses counts as a name as written, after ``warn`` was told."""
    listed = names(meta, key)
    if listed is None:
        return None
    entries = []
    for written in listed:
        if not written.strip():
            if warn is not None:
                warn(f"`{key}:` a blank name is left out")
            continue
        try:
            entries.append(named(written))
        except NamedError as error:
            if warn is not None:
                warn(f"`{key}:` {error}")
            entries.append(Named(written.strip()))
    return each_once(entries)


def each_once(entries: Iterable[Named]) -> list[Named]:
    """The entries without a repeated key, in the order first written."""
    first: dict[str, Named] = {}
    for entry in entries:
        first.setdefault(entry.key, entry)
    return list(first.values())


def named(written: str) -> Named:
    """``Name <address>`` as its two parts; anything without angle brackets as a name. NamedError otherwise."""
    written = written.strip()
    if "<" not in written and ">" not in written:
        return Named(written)
    if (match := _NAME_AND_ADDRESS.fullmatch(written)) is None:
        raise NamedError(f"'{written}' is neither a name nor 'Name <address>'")
    return Named(match["name"] or match["address"], match["address"])
