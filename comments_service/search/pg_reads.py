"""The PostgreSQL backend's reading SQL: a search's matches by rank, and a tag's documents newest first.

Ranking reads each match's `vector` (a page's out of compressed TOAST), so a word found in one document of ten
cost 18-37 ms to rank at 102,000 documents. A query of one word needs none of that. The documents that stress
it (`stressed`: in a page's title, or at least twice, pg_schema.py) outrank every other match (ts_rank gives
the word once in the text 0.30, twice already 0.38) and rank the same by their small `stressed` vector as by
`vector` (ts_rank reads only the query's words, whose positions `stressed` keeps); the other matches all hold
the word once in the text, so they tie, and ties go newest first. So a one-word page comes from the stressed
documents alone when they fill it (a few hundred for a common word), else from them followed by the others
newest first: the full ranking's page either way, exact. Queries of several words, whose ranks also weigh how
close the words stand, rank every match.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, TextClause, text

from .clauses import Clause
from .pg_query import tsquery_sql
from .pg_schema import COLUMNS, CONFIGS, TABLE, TAGS_TABLE

_WEIGHTS = "{0.5, 0.5, 0.5, 1.0}"
"""ts_rank's weights for D, C, B, A: text is D, a page's title A, worth twice as much (schema.TITLE_BOOST)."""
_TAGGED = "hashtags @> ARRAY[CAST(:tag AS text)]"
SERIAL = text("SET LOCAL max_parallel_workers_per_gather = 0")
"""For the transaction of one search: its reads are a few thousand rows at most, and starting parallel workers
(which the planner chose for the count's CTE of a word with a few hundred matches) costs more than they save:
that count took 7-12 ms with them and 1-2 ms without (p50, 654 rows, this machine's 2 cores under load)."""
_HIT = ", ".join(f"d.{column.strip()}" for column in COLUMNS.split(","))
"""The hit's columns of the documents' row `d`, joined once ranking or the tag's btree picked a page."""

NEWEST_TAGGED = text(
    f"""
    SELECT {_HIT} FROM (
        SELECT doc_id, created FROM {TAGS_TABLE} WHERE tag = :tag
        ORDER BY created DESC NULLS LAST, doc_id LIMIT :limit OFFSET :offset
    ) AS newest JOIN {TABLE} AS d USING (doc_id)
    ORDER BY newest.created DESC NULLS LAST, newest.doc_id
    """
)
"""One page of a tag's documents, newest first, read in order from the btree; only that page's rows are read."""
COUNT_TAGGED = text(f"SELECT count(*) FROM {TAGS_TABLE} WHERE tag = :tag")
"""A tag's exact total, counted in the btree (an index-only scan once autovacuum has visited the table)."""


@dataclass(frozen=True)
class Readings:
    """The query as each language reads it (only those where it can use the index), as `tsquery` text."""

    tsqueries: dict[str, str]
    one_word: bool
    """Whether every reading is a single lexeme, which the first pass over `stressed` ranks exactly."""


def readings(connection: Connection, clauses: list[Clause], params: dict[str, Any]) -> Readings:
    """The query's readings: not those of stop words alone, nor of exclusions alone (`querytree` is then empty
    or `T`), which cannot use the index."""
    parts = ", ".join(f"{tsquery_sql(clauses, lang)} AS {lang}" for lang in CONFIGS)
    columns = ", ".join(
        f"CASE WHEN querytree(q.{lang}) IN ('', 'T') THEN NULL ELSE CAST(q.{lang} AS text) END AS {lang},"
        f" numnode(q.{lang}) AS {lang}_nodes"
        for lang in CONFIGS
    )
    row = connection.execute(text(f"SELECT {columns} FROM (SELECT {parts}) AS q"), params).one()._mapping
    usable = [lang for lang in CONFIGS if row[lang] is not None]
    return Readings({lang: row[lang] for lang in usable}, one_word=all(row[f"{lang}_nodes"] == 1 for lang in usable))


def ranked_page(
    connection: Connection, readings: Readings, params: dict[str, Any], *, kind: str | None, hashtag: str | None
) -> Sequence[Row[Any]]:
    """One page of matches by rank (`params` bind `:limit`, `:offset` and the readings): for one word, first
    from the documents that stress it, then, when they do not fill the page, from every match in one-word order."""
    tsqueries = readings.tsqueries
    if not readings.one_word:
        return connection.execute(_page(_matches(tsqueries, _ranked, kind=kind, hashtag=hashtag)), params).all()
    stressed = _matches(tsqueries, _stressed, kind=kind, hashtag=hashtag)
    rows = connection.execute(_page(stressed), params).all()
    if len(rows) < params["limit"]:
        once = _matches(tsqueries, _once, kind=kind, hashtag=hashtag)
        rows = connection.execute(_page(f"{stressed} UNION ALL {once}"), params).all()
    return rows


def count(tsqueries: dict[str, str], *, kind: str | None, hashtag: str | None) -> TextClause:
    """How many documents match, up to `:cap`.

    The matches are a MATERIALIZED CTE, planned whole (on the GIN index) and read only as far as the cap: under
    the LIMIT itself the planner took a common word's first thousand matches from a sequential scan, which tests
    every row on its way, a page's vector out of compressed TOAST (2,510 buffers and 5.8 ms, against 218 and 3.9).
    """
    matches = _matches(tsqueries, _counted, kind=kind, hashtag=hashtag)
    return text(f"WITH matches AS MATERIALIZED ({matches})"
                " SELECT count(*) FROM (SELECT 1 FROM matches LIMIT :cap) AS capped")


Match = Callable[[str], tuple[str, str]]
"""A way to match: given a reading's `tsquery` (SQL), the condition a document meets and its rank."""


def _ranked(query: str) -> tuple[str, str]:
    return f"vector @@ {query}", f"ts_rank('{_WEIGHTS}', vector, {query})"


def _stressed(query: str) -> tuple[str, str]:
    return f"stressed @@ {query}", f"ts_rank('{_WEIGHTS}', stressed, {query})"


def _once(query: str) -> tuple[str, str]:
    """A one-word query's other matches: below every stressed one, tied among themselves (the module's docstring)."""
    return f"vector @@ {query} AND NOT stressed @@ {query}", "0"


def _counted(query: str) -> tuple[str, str]:
    return f"vector @@ {query}", "0"


def _page(matches: str) -> TextClause:
    """One page of `matches` (rows of `doc_id, created, rank`) by rank, ties newest first; the page's rows are
    read whole only once it is picked."""
    return text(
        f"""
        SELECT {_HIT} FROM (
            SELECT doc_id, created, rank FROM ({matches}) AS matches
            ORDER BY rank DESC, created DESC NULLS LAST, doc_id LIMIT :limit OFFSET :offset
        ) AS top JOIN {TABLE} AS d USING (doc_id)
        ORDER BY top.rank DESC, top.created DESC NULLS LAST, top.doc_id
        """
    )


def _matches(tsqueries: dict[str, str], match: Match, *, kind: str | None, hashtag: str | None) -> str:
    """`doc_id, created, rank` of the documents `match` finds, each by its own language's reading of the query,
    then the kind and tag filters.

    One SELECT per reading (the languages that read the query alike share one), joined by UNION ALL, so that
    the GIN index alone decides each match: a single scan for `(language = 'nl' AND vector @@ ...) OR
    (language = 'en' AND ...)` tested that condition again on every row it read, decompressing each page's
    vector for it (3,458 buffers for the first thousand matches of a word the two languages read differently,
    where 200 heap blocks hold them)."""
    languages: dict[str, list[str]] = {}
    for lang, tsquery in tsqueries.items():
        languages.setdefault(tsquery, []).append(lang)
    selects = []
    for lang, *alike in languages.values():
        condition, rank = match(f"CAST(:q_{lang} AS tsquery)")
        codes = ", ".join(f"'{code}'" for code in (lang, *alike))
        where = f"language IN ({codes}) AND {condition}"
        if kind:
            where += " AND kind = :kind"
        if hashtag:
            where += f" AND {_TAGGED}"
        selects.append(f"SELECT doc_id, created, {rank} AS rank FROM {TABLE} WHERE {where}")
    return " UNION ALL ".join(selects)
