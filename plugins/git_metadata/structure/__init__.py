"""What plein-git attaches to pages and reports about the repository."""

from plugins.git_metadata.structure.author import Author
from plugins.git_metadata.structure.page_history import PageHistory
from plugins.git_metadata.structure.repository import Repository

__all__ = ["Author", "PageHistory", "Repository"]
