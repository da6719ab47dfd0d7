"""Search results and hashtag pages as HTML, for readers without JavaScript (and comment-only hashtags).

- ``{site_root}search/?q=&kind=&tag=&page=``: the site's search forms send their query here; the results in the
  site's look, the query in the header's search box (the page's only one) and the filters beside the results.
- ``{site_root}tags/<tag>/``: a hashtag's page when the build has none, because only comments use the tag (the web
  server tries the built page first): 200 with every page and comment that uses it, newest first; 404 saying
  the hashtag is unknown when nothing does.

Both ask the search backend as ``/api/search`` and ``/api/hashtags/<tag>`` do (``search/views.py`` checks the
query for both), and answer 503 with a page saying so while the index is being built.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from flask import Response, request

from hashtag_grammar import slugify

from ..identity import settings
from ..search.backend import SearchUnavailable
from ..search.documents import SearchResults
from ..search.requests import MAX_PAGE, PAGE_SIZE, Query, page_number, read_query, search_backend, unavailable
from ..signals import announce_search
from .html import bp, language, render, require_page
from .strings import STRINGS


def _pages(results: SearchResults) -> int:
    """How many pages of results there are (at least one, at most what the API serves)."""
    return min(MAX_PAGE, max(1, -(-results.total // PAGE_SIZE)))


def _link(here: str, params: dict[str, str], page: int) -> str:
    """The address of another page of the same results."""
    query = {name: value for name, value in params.items() if value}
    query.update({"page": str(page)} if page > 1 else {})
    return here + ("?" + urlencode(query) if query else "")


def _building(template: str, title: str, error: SearchUnavailable, **context: Any) -> Response:
    """503 with the reason in the reader's words while the index is being built."""
    refused = unavailable(error)
    return render(template, title, refused.status, notice=refused.message_for(language()), **context)


@bp.get("/search/")
def search_page() -> Response:
    """The results of ``q`` (20 a page), narrowed by ``kind`` and ``tag``; without ``q`` the empty form."""
    words = STRINGS[language()]
    here = settings().site_root + "search/"
    form = {name: request.args.get(name, "").strip() for name in ("q", "kind", "tag")}
    kinds = [("", words["search_all"]), ("page", words["search_pages"]), ("comment", words["search_comments"])]
    context: dict[str, Any] = {"form": form, "here": here, "kinds": kinds}
    if not form["q"]:
        return render("search.html", words["search"], results=None, **context)
    query: Query = read_query(request.args)
    title = f"{words['search']}: {query.text}"
    try:
        results = search_backend().search(
            query.text, kind=query.kind, hashtag=query.tag, limit=PAGE_SIZE, offset=query.offset)
    except SearchUnavailable as error:
        return _building("search.html", title, error, results=None, search_query=query.text, **context)
    announce_search(query.text, results.total > 0, query.page)
    pages = _pages(results)
    if results.total:
        require_page(query.page, pages)
        summary = words["results_one" if results.total == 1 else "results_other"]
    else:
        summary = words["results_none"]
    return render(
        "search.html", title, results=results, search_query=query.text,
        summary=summary.format(n=results.total, q=query.text), root=settings().site_root,
        previous=_link(here, form, query.page - 1) if query.page > 1 else None,
        next=_link(here, form, query.page + 1) if query.page < pages else None, **context,
    )


@bp.get("/tags/<tag>/")
def hashtag_page(tag: str) -> Response:
    """A hashtag the build has no page for: what uses it, newest first (``?page=``), or 404 when nothing does."""
    words = STRINGS[language()]
    slug = slugify(tag)
    here = settings().site_root + f"tags/{quote(tag, safe='')}/"
    page = page_number(request.args)
    title = f"#{tag}"
    try:
        results = search_backend().hashtag(slug, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    except SearchUnavailable as error:
        return _building("hashtag.html", title, error, results=None, tag=tag, home=settings().site_root)
    if not results.total:
        return render("hashtag.html", title, 404, results=None, tag=tag, home=settings().site_root,
                      notice=words["unknown_hashtag"].format(tag=tag))
    pages = _pages(results)
    require_page(page, pages)
    summary = words["tagged_one" if results.total == 1 else "tagged_other"].format(n=results.total)
    return render(
        "hashtag.html", title, results=results, tag=tag, summary=summary, root=settings().site_root,
        feed=f"/api/feeds/hashtags/{quote(slug, safe='')}.atom",
        previous=_link(here, {}, page - 1) if page > 1 else None,
        next=_link(here, {}, page + 1) if page < pages else None,
    )
