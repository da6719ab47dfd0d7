"""The git history of one page, as attached to `page.meta["plein_git"]`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from plugins.git_metadata.structure.author import Author


@dataclass(frozen=True)
class PageHistory:
    """Dates, authors and former paths (docs-relative, POSIX) of one file, renames followed."""

    created: datetime
    #: The commit that added the file (full sha): the same in every clone, so it can tell files apart for good.
    created_commit: str
    updated: datetime
    #: Every person who committed to the file, in order of first contribution (or front matter `authors:`).
    authors: list[Author]
    #: The person who made the newest commit by a person; None when only hidden identities (CI, bots) committed.
    updated_by: Author | None
    #: Paths the file had before, oldest first, without its current path.
    former_paths: list[str]
    #: The path the file had when it was first added (its current path when never renamed).
    first_path: str
