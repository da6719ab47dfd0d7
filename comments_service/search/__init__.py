"""Search over pages and comments: a backend seam and its Whoosh implementation (no Flask here).

The Flask side lives in `views.py` (blueprint and `init_search`) and `commands.py` (`flask reindex`).
"""

from .backend import SearchBackend, SearchUnavailable
from .documents import SearchDocument, SearchHit, SearchResults, comment_doc_id, page_doc_id
from .whoosh_backend import DocumentSource, WhooshBackend

__all__ = [
    "DocumentSource",
    "SearchBackend",
    "SearchDocument",
    "SearchHit",
    "SearchResults",
    "SearchUnavailable",
    "WhooshBackend",
    "comment_doc_id",
    "page_doc_id",
]
