"""The PostgreSQL backend's reading SQL: a search's matches by rank, and a tag's documents newest first.

Ranking reads each match's `vector` (a page's out of compressed TOAST), so a word found in one document of ten
cost 37 ms to rank at 102,000 documents. A query of one word is therefore ranked first among the documents
that stress it (`stressed`: in a page's title, or at least twice, pg_schema.py), a few hundred for such a word.
That is exact, not an estimate: each of them outranks every other match (ts_rank gives the word once in the
text 0.30, twice already 0.38) and ranks the same by its small `stressed` vector as by `vector` (ts_rank reads
only the query's words, and `stressed` keeps all their positions). So when they fill the page asked for, it is
the page the full ranking gives; otherwise (a rarer word, a page further on, several words, whose ranks also
weigh how close they stand) every match is ranked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, TextClause, text

from .pg_query import Clause, tsquery_sql
from .pg_schema import COLUMNS, CONFIGS, TABLE, TAGS_TABLE

WEIGHTS = "{0.5, 0.5, 0.5, 1.0}"
"""ts_rank's weights for D, C, B, A: text is D, a page's title A, worth twice as much (schema.TITLE_BOOST)."""
TAGGED = "hashtags @> ARRAY[CAST(:tag AS text)]"
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
    among the documents that stress it; among all matches when those do not fill the page."""
    rows: Sequence[Row[Any]] = []
    if readings.one_word:
        rows = connection.execute(_ranked(readings.tsqueries, "stressed", kind=kind, hashtag=hashtag), params).all()
    if len(rows) < params["limit"]:
        rows = connection.execute(_ranked(readings.tsqueries, "vector", kind=kind, hashtag=hashtag), params).all()
    return rows


def count(tsqueries: dict[str, str], *, kind: str | None, hashtag: str | None) -> TextClause:
    """How many documents match, up to `:cap`.

    The matches are a MATERIALIZED CTE, planned whole (on the GIN index) and read only as far as the cap: under
    the LIMIT itself the planner took a common word's first thousand matches from a sequential scan, which tests
    every row on its way, a page's vector out of compressed TOAST (2,510 buffers and 5.8 ms, against 218 and 3.9).
    """
    matches = _matches(tsqueries, "vector", kind=kind, hashtag=hashtag, with_rank=False)
    return text(f"WITH matches AS MATERIALIZED ({matches})"
                " SELECT count(*) FROM (SELECT 1 FROM matches LIMIT :cap) AS capped")


def _ranked(tsqueries: dict[str, str], vector: str, *, kind: str | None, hashtag: str | None) -> TextClause:
    """One page of the documents matched on `vector`, ranked by it; their rows are read whole only after
    ranking picked them."""
    matches = _matches(tsqueries, vector, kind=kind, hashtag=hashtag, with_rank=True)
    return text(
        f"""
        SELECT {_HIT} FROM (
            SELECT doc_id, created, rank FROM ({matches}) AS matches
            ORDER BY rank DESC, created DESC NULLS LAST, doc_id LIMIT :limit OFFSET :offset
        ) AS top JOIN {TABLE} AS d USING (doc_id)
        ORDER BY top.rank DESC, top.created DESC NULLS LAST, top.doc_id
        """
    )


def _matches(tsqueries: dict[str, str], vector: str, *, kind: str | None, hashtag: str | None, with_rank: bool) -> str:
    """The documents matched on `vector`, each by its own language's reading of the query, then the kind and
    tag filters: their `doc_id, created, rank` (by `vector`) `with_rank`, else just a row each.

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
        query = f"CAST(:q_{lang} AS tsquery)"
        codes = ", ".join(f"'{code}'" for code in (lang, *alike))
        where = f"language IN ({codes}) AND {vector} @@ {query}"
        if kind:
            where += " AND kind = :kind"
        if hashtag:
            where += f" AND {TAGGED}"
        columns = f"doc_id, created, ts_rank('{WEIGHTS}', {vector}, {query}) AS rank" if with_rank else "1"
        selects.append(f"SELECT {columns} FROM {TABLE} WHERE {where}")
    return " UNION ALL ".join(selects)
