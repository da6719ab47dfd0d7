"""The search API (`/api/search`, `/api/hashtags/<slug>`) and `init_search`, which wires it into an app."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from flask import Blueprint, Flask, Response, jsonify, request

from ..api.payload import refuse_nul_in_address
from ..errors import ApiError, error_response, reader_language
from ..signals import announce_search
from .backend import DocumentSource, Feed, SearchBackend, SearchUnavailable
from .documents import SearchResults
from .requests import EXTENSION, PAGE_SIZE, page_number, read_query, search_backend, unavailable
from .whoosh_backend import WhooshBackend

log = logging.getLogger(__name__)
REBUILD_THREAD = "plein-search-rebuild"
"""The name of the thread that builds a missing or damaged index in the background."""

search_bp = Blueprint("search", __name__, url_prefix="/api")
search_bp.before_request(refuse_nul_in_address)  # a NUL in a query or a tag: 400, as everywhere in the API

Opener = Callable[[Feed | None, Callable[[str], None]], SearchBackend]
"""Opens the backend given the feed and what to call when a readable index later needs a rebuild."""


@search_bp.errorhandler(ApiError)
def _refused(error: ApiError) -> Response:
    """The API's JSON error, also in an app without the service's handlers (the search package stands alone)."""
    return error_response(error.status, error.code, error.message_for(reader_language()))


def _answer(results: SearchResults) -> Response:
    return jsonify({"query": results.query, "total": results.total, "results": [hit.to_json() for hit in results.hits]})


@search_bp.get("/search")
def search() -> Response:
    """Full-text search; `kind` and `tag` narrow it down; 20 results a page (checked in `requests.read_query`)."""
    query = read_query(request.args)
    try:
        results = search_backend().search(
            query.text, kind=query.kind, hashtag=query.tag, limit=PAGE_SIZE, offset=query.offset)
    except SearchUnavailable as error:
        raise unavailable(error) from error
    announce_search(query.text, results.total > 0, query.page)
    return _answer(results)


@search_bp.get("/hashtags/<slug>")
def hashtag(slug: str) -> Response:
    """Every page and comment with the tag, newest first."""
    page = page_number(request.args)
    try:
        results = search_backend().hashtag(slug, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    except SearchUnavailable as error:
        raise unavailable(error) from error
    return _answer(results)


def init_search(
    app: Flask, source: DocumentSource, feed: Feed | None = None, open_backend: Opener | None = None
) -> SearchBackend:
    """Open the backend (`open_backend`, by default Whoosh in `PLEIN_SEARCH_DIR`), rebuild it from `source`
    whenever it is missing or damaged, start this process's writer threads (the drains also take changes from
    `feed`) and register the blueprint.

    With `PLEIN_SEARCH_INDEXER=external` this process only reads: `flask search-indexer`, a process of its own,
    runs the writer threads (commands.py), so that indexing never competes with requests for a worker's GIL.

    Rebuilds run in a background thread inside an app context (so `source` may use the database); searches
    answer 503 meanwhile (but from an index of an older format, which serves until its rebuild is live), and
    changes queued in the meantime are applied right after.
    """
    rebuilding = threading.Lock()

    def rebuild_in_background(reason: str) -> None:
        if not rebuilding.acquire(blocking=False):
            return

        def run() -> None:
            try:
                with app.app_context():
                    backend.rebuild_if_needed(source)
            except Exception:  # noqa: BLE001 - logged; `flask reindex` or a restart tries again
                log.exception("search: rebuilding the index failed")
            finally:
                rebuilding.release()

        log.info("search: building the index in the background (%s)", reason)
        threading.Thread(target=run, name=REBUILD_THREAD, daemon=True).start()

    backend = (open_backend or _whoosh_opener(app))(feed, rebuild_in_background)
    if backend.needs_rebuild:
        rebuild_in_background("missing or unreadable at start-up")
    if app.config.get("PLEIN_SEARCH_INDEXER", "inline") == "inline":
        backend.start()
    app.extensions[EXTENSION] = backend
    app.register_blueprint(search_bp)
    return backend


def _whoosh_opener(app: Flask) -> Opener:
    """Whoosh in `PLEIN_SEARCH_DIR` (default: the instance folder's `search/`).

    The index is derived data (a rebuild restores it from the database), so its spool need not reach the
    disk on every write. Each drain commits a segment, and merges follow beside the index (merging.py), so a
    drain never waits on one: a new comment is findable within the drain interval, the drain's own time and a
    reader's refresh (docs/performance.md has the figures under the benchmark's full write load).
    """
    directory = Path(app.config.get("PLEIN_SEARCH_DIR") or Path(app.instance_path) / "search")

    def open_(feed: Feed | None, on_needs_rebuild: Callable[[str], None]) -> SearchBackend:
        return WhooshBackend(directory, drain_interval=1.0, fsync=False, feed=feed, on_needs_rebuild=on_needs_rebuild)

    return open_
