"""Search over pages and comments: a backend seam and its implementations (no Flask in any).

Wiring it into the service (the Flask side is `views.py` and `commands.py`):

    from comments_service.search.views import init_search
    from comments_service.search.commands import indexer_command, reindex_command

    backend = init_search(app, all_documents, feed=take_queued)   # app.extensions["plein_search"]
    app.cli.add_command(reindex_command(all_documents))           # `flask reindex`
    app.cli.add_command(indexer_command())                        # `flask search-indexer`

`all_documents()` yields a `SearchDocument` per manifest page that is not archived and per visible comment;
a missing or damaged index is rebuilt from it in the background. Changes go in two ways:
`backend.index(docs)` / `backend.remove(doc_ids)` from anywhere (the service does this after a sync: the database
backends write at once, Whoosh appends to a spool on disk and returns), and `feed(apply)`, which the process
holding the writer lock runs at each drain to commit changes kept durably elsewhere (the service's queue of written
comments) straight into the index. The service starts a drain every second, so a new comment is usually
searchable within a second or so.
"""

from .backend import Apply, DocumentSource, SearchBackend, SearchUnavailable
from .documents import SearchDocument, SearchHit, SearchResults, comment_doc_id, page_doc_id
from .postgres_backend import PostgresBackend
from .sqlite_backend import SqliteBackend
from .whoosh_backend import WhooshBackend

__all__ = [
    "Apply",
    "DocumentSource",
    "PostgresBackend",
    "SearchBackend",
    "SearchDocument",
    "SearchHit",
    "SearchResults",
    "SearchUnavailable",
    "SqliteBackend",
    "WhooshBackend",
    "comment_doc_id",
    "page_doc_id",
]
