"""Who a page credits: git's identities (after `.mailmap`) minus those that are no person, or the front matter.

`git log` applies `.mailmap` itself (`%aN`, `%aE` in the log format), so a person with several addresses is one
author. What is left here: identities a site hides by pattern (CI, bots), and an editor's `authors:` override.
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Mapping
from typing import Any

from plugins.front_matter import people
from plugins.git_metadata.structure import Author, PageHistory


class PersonFilter:
    """Tells people from identities that are not (CI, bots): a pattern searched in `Name <email>`, ignoring case."""

    def __init__(self, patterns: list[str]) -> None:
        self._hidden = [re.compile(pattern, re.IGNORECASE) for pattern in patterns]

    def __call__(self, author: Author) -> bool:
        identity = f"{author.name} <{author.email}>"
        return not any(pattern.search(identity) for pattern in self._hidden)


def front_matter_authors(meta: Mapping[str, Any]) -> list[Author] | None:
    """Front matter `authors:` (a name, `Name <address>`, or a list of them) as authors; None when absent."""
    listed = people(meta, "authors")
    return None if listed is None else [Author(person.name, person.address) for person in listed]


def credited(history: PageHistory | None, meta: Mapping[str, Any]) -> tuple[PageHistory | None, list[str]]:
    """The history as the page shows it (front matter `authors:` replace git's) and the names of its byline.

    The byline is who the page says changed it: the front matter authors when given, else the last person.
    """
    override = front_matter_authors(meta)
    if override is not None:
        return (replace(history, authors=override) if history else None), [author.name for author in override]
    return history, [history.updated_by.name] if history and history.updated_by else []
