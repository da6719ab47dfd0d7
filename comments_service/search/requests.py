"""What a search asks for and who answers it, shared by the JSON API (``views.py``) and the service's HTML results
page (``pages/findings.py``): reading and checking the arguments, the app's backend, the answer while it is built.

Apart from ``views.py`` because that one imports the API's blueprints, which import the HTML pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from werkzeug.datastructures import MultiDict

from ..errors import ApiError
from .backend import SearchBackend, SearchUnavailable
from .documents import KINDS

EXTENSION = "plein_search"
PAGE_SIZE = 20
MAX_QUERY_CHARS = 200
MAX_PAGE = 50


@dataclass(frozen=True)
class Query:
    """A search as asked for: the words, the kind and hashtag it is narrowed to, the page of results."""

    text: str
    kind: str | None
    tag: str | None
    page: int

    @property
    def offset(self) -> int:
        """How many results the pages before this one hold."""
        return (self.page - 1) * PAGE_SIZE


def page_number(args: MultiDict[str, str]) -> int:
    """The 1-based ``page`` argument (decimal digits only: ``isdigit`` also admits ``²``, which ``int`` refuses)."""
    raw = args.get("page", "1")
    if not (raw.isdecimal() and 1 <= int(raw) <= MAX_PAGE):
        raise ApiError(400, "bad_page", f"page must be a number from 1 to {MAX_PAGE}.",
                       nl=f"page moet een getal van 1 tot en met {MAX_PAGE} zijn.")
    return int(raw)


def read_query(args: MultiDict[str, str]) -> Query:
    """The search the arguments ask for (``q``, ``kind``, ``tag``, ``page``), shared by the API and the HTML
    results page; 400 for a missing or too long query, an unknown kind or a bad page."""
    text = args.get("q", "").strip()
    kind = args.get("kind") or None
    if not text:
        raise ApiError(400, "query_missing", "Give a search query in the parameter q.", nl="Geef een zoekvraag op.")
    if len(text) > MAX_QUERY_CHARS:
        raise ApiError(400, "query_too_long", f"A search query has at most {MAX_QUERY_CHARS} characters.",
                       nl=f"Een zoekvraag heeft hoogstens {MAX_QUERY_CHARS} tekens.")
    if kind is not None and kind not in KINDS:
        raise ApiError(400, "bad_kind", f"kind must be one of: {', '.join(KINDS)}.",
                       nl=f"kind moet een van deze zijn: {', '.join(KINDS)}.")
    return Query(text, kind, args.get("tag", "").strip().lstrip("#") or None, page_number(args))


def search_backend() -> SearchBackend:
    """The app's search backend."""
    return current_app.extensions[EXTENSION]


def unavailable(error: SearchUnavailable) -> ApiError:
    """503 while the index is being built."""
    return ApiError(503, "search_unavailable", str(error),
                    nl="Zoeken wordt voorbereid. Probeer het over een minuut nog eens.")
