"""What a user typed into search, read as clauses, for the backends whose database matches the words.

The same small language as the Whoosh backend's parser: every word must match, `OR` between two words lets
either do, `NOT` before a word excludes it; quotes, wildcards and other punctuation fall back to plain words.
Each backend turns the clauses into its own query (pg_query.py for PostgreSQL, fts_query.py for SQLite), so
nothing a user types reaches a database as syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

from .schema import words


@dataclass(frozen=True)
class Clause:
    """Words of which one must match (or, `negated`, none may)."""

    words: tuple[str, ...]
    negated: bool = False


def parse(query: str) -> list[Clause]:
    """The clauses of `query`, all of which must hold; `AND` is implied, `OR` and `NOT` are upper case."""
    clauses: list[Clause] = []
    negate = join = False
    for token in query.split():
        if token in ("AND", "NOT", "OR"):
            negate, join = token == "NOT", token == "OR"
            continue
        if join and clauses and not clauses[-1].negated and not negate:
            clauses[-1] = Clause((*clauses[-1].words, token))
        else:
            clauses.append(Clause((token,), negated=negate))
        negate = join = False
    return clauses


def has_positive(clauses: list[Clause]) -> bool:
    """Whether something must match: a query of exclusions alone would read every document."""
    return any(not clause.negated for clause in clauses)


def snippet_terms(clauses: list[Clause], language: str) -> frozenset[str]:
    """The stems to mark in a snippet of a document in `language`: those of the words that must match."""
    return frozenset(
        stem for clause in clauses if not clause.negated for word in clause.words for stem in words(word, language)
    )
