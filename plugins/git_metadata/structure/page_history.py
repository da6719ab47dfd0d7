"""The git history of one page, as attached to `page.meta["plein_git"]`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from plugins.git_metadata.structure.author import Author


@dataclass(frozen=True)
class PageHistory:
    """Dates, authors and former paths (docs-relative, POSIX) of one file, renames followed."""

    created: datetime
    updated: datetime
    #: Everyone who committed to the file, in order of first contribution.
    authors: list[Author]
    updated_by: Author
    #: Paths the file had before, oldest first, without its current path.
    former_paths: list[str]
    #: The path the file had when it was first added (its current path when never renamed).
    first_path: str
