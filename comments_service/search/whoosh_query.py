"""Searching a Whoosh index: the query language, a query's matches ranked a page at a time, and a hashtag's
documents newest first (`WhooshBackend` holds the searcher; this module knows what to ask it).

A search is parsed before a searcher is taken (`parse`), so a query without words, or a kind that does not
exist, never touches the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Any

from whoosh.qparser import MultifieldParser, plugins
from whoosh.query import And, ConstantScoreQuery, NullQuery, Or, Query, Require, Term
from whoosh.searching import Searcher

from .documents import KINDS, SearchHit, SearchResults
from .recency import NewestFirst
from .schema import LANGUAGES, SEARCH_FIELDS, STEMMERS, build_schema, stored_created, text_field, title_field
from .snippets import hashtag_snippet, query_snippet

COUNT_LIMIT = 1000
"""Totals of searches with more than `ONE_PASS_LIMIT` likely matches stop here (paging never goes further)."""
ONE_PASS_LIMIT = 20_000
"""Up to this many likely matches (from the terms' document frequencies) one pass ranks and counts them all."""


@dataclass(frozen=True)
class ParsedSearch:
    """A search's words as a query, with its kind and hashtag restrictions."""

    text: str
    query: Query
    kind: str | None
    hashtag: str | None

    def run(self, searcher: Searcher, *, limit: int, offset: int) -> SearchResults:
        """The page of matches from `offset`, best first, with a snippet around the words each matched."""
        terms = self.query.all_terms()
        narrowed = _narrowed(self.query, hashtag=self.hashtag)
        restriction = _kind_restriction(self.kind)

        def snippet(fields: dict[str, Any]) -> str:
            lang = fields.get("language") or LANGUAGES[0]
            wanted = (text_field(lang), title_field(lang))
            words = {text for field, text in terms if field in wanted}
            return query_snippet(fields.get("text", ""), words, STEMMERS[lang])

        if narrowed.estimate_size(searcher.reader()) <= ONE_PASS_LIMIT:
            # Visiting every match is cheap enough here, and it counts them on the way.
            required = _required(self.query, hashtag=self.hashtag)
            results = searcher.search(required, limit=offset + limit, terms=False, optimize=False, **restriction)
            total = len(results)
        else:
            # Many matches: skip the postings that cannot reach the page, count only up to the limit.
            results = searcher.search(narrowed, limit=offset + limit, terms=False, **restriction)
            total = _count(searcher, narrowed, self.kind)
        stored = [hit.fields() for hit in results[offset : offset + limit]]
        hits = [_to_hit(fields, snippet(fields)) for fields in stored]
        return SearchResults(query=self.text, total=total, hits=hits)


def parse(parser: MultifieldParser, text: str, *, kind: str | None, hashtag: str | None) -> ParsedSearch | None:
    """`text` as a query of `parser` (see `parser`), or `None` without words to look for; a kind that does not
    exist raises `ValueError`."""
    _kind_restriction(kind)
    query = parser.parse(_WILDCARDS.sub(" ", text))
    return None if query is NullQuery else ParsedSearch(text, query.accept(_binary_unions), kind, hashtag)


def hashtag(searcher: Searcher, newest: NewestFirst, slug: str, *, limit: int, offset: int) -> SearchResults:
    """The documents with a hashtag, newest first, a page at a time."""
    slug = slug.casefold()
    total, docnums = newest.top(searcher, "hashtags", slug, offset + limit)
    stored = [searcher.stored_fields(docnum) for docnum in docnums[offset:]]
    hits = [_to_hit(fields, hashtag_snippet(fields.get("text", ""), slug)) for fields in stored]
    return SearchResults(query=f"#{slug}", total=total, hits=hits)


_WILDCARDS = re.compile(r"[*?]")
"""Without the wildcard plugin Whoosh would search `word*` literally; the stem search covers most of it."""


def parser() -> MultifieldParser:
    """AND of the words over every language's title and text; no field, wildcard, range or phrase syntax."""
    parser = MultifieldParser(list(SEARCH_FIELDS), build_schema())
    parser.remove_plugin_class(plugins.FieldsPlugin)
    parser.remove_plugin_class(plugins.WildcardPlugin)
    parser.remove_plugin_class(plugins.RangePlugin)
    parser.remove_plugin_class(plugins.EveryPlugin)
    parser.remove_plugin_class(plugins.PhrasePlugin)  # no positions indexed: quoted words match as words
    return parser


def _binary_unions(node: Query) -> Query:
    """Make every OR a tree of two-way unions that skip through postings.

    Whoosh otherwise preloads the matches of each small segment (those under 5,000 documents: every
    segment but the rebuilt one) into arrays, which halved the speed of two-word searches at 100k.
    """
    if isinstance(node, Or):
        node.matcher_type = Or.DEFAULT_MATCHER
    return node


def _narrowed(query: Query, *, hashtag: str | None) -> Query:
    """`query` restricted to a tag, as a query clause that leaves the ranking alone (optimised searches).

    A clause rather than Whoosh's `filter=`, which builds a set of every document with the tag per search; a
    conjunction skips through the posting lists instead.
    """
    if hashtag:
        query = And([query, ConstantScoreQuery(Term("hashtags", hashtag.casefold()), 0.0)])
    return query


def _required(query: Query, *, hashtag: str | None) -> Query:
    """`query` restricted to a tag for unoptimised searches: `Require` skips through the tag's postings and
    scores by `query` alone.

    There a zero-scored `ConstantScoreQuery` reads every id of its term into an array first; in optimised
    searches Whoosh's `Require` trips an assertion while skipping by quality, so those keep `_narrowed`.
    """
    if hashtag:
        query = Require(query, Term("hashtags", hashtag.casefold()))
    return query


_PAGES = Term("kind", "page")


def _kind_restriction(kind: str | None) -> dict[str, Query]:
    """Whoosh's `filter`/`mask` arguments for a kind: both as the set of the (few) pages' documents.

    Pages are a few thousand documents, comments up to hundreds of thousands: excluding the pages costs a
    set of page ids per search, where requiring `kind:comment` walked every comment id (50-90 ms at 100,000
    comments, against a goal of 20 ms).
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if kind == "page":
        return {"filter": _PAGES}
    if kind == "comment":
        return {"mask": _PAGES}
    return {}


def _count(searcher: Searcher, query: Query, kind: str | None) -> int:
    """The number of matches of `kind`, counted up to `COUNT_LIMIT` (paging never goes further)."""
    matches = searcher.docs_for_query(query)
    if kind is not None:
        pages = set(searcher.docs_for_query(_PAGES))
        matches = (docnum for docnum in matches if (docnum in pages) == (kind == "page"))
    return sum(1 for _ in islice(matches, COUNT_LIMIT))


def _to_hit(fields: dict[str, Any], snippet: str) -> SearchHit:
    return SearchHit(
        kind=fields["kind"],
        doc_id=fields["doc_id"],
        page_id=fields["page_id"],
        title=fields.get("title", ""),
        url=fields.get("url", ""),
        snippet=snippet,
        author=fields.get("author"),
        created=stored_created(fields.get("created")),
        hashtags=tuple(tag for tag in fields.get("hashtags", "").split(",") if tag),
    )
