"""Search over pages and comments: a backend seam and its Whoosh implementation (no Flask in either).

Wiring it into the service (the Flask side is `views.py` and `commands.py`):

    from comments_service.search.views import init_search
    from comments_service.search.commands import reindex_command

    backend = init_search(app, all_documents)        # app.extensions["plein_search"]; rebuilds when needed
    app.cli.add_command(reindex_command(all_documents))   # `flask reindex`

`all_documents()` yields a `SearchDocument` per manifest page that is not archived and per visible comment.
After a comment is saved or edited and visible: `backend.index([doc])`; when it is hidden or removed, or
its page archived: `backend.remove([comment_doc_id(id)])` (and `page_doc_id(page)` for the page). Both only
append to a spool on disk and return at once; the comment is searchable within about half a second.
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
