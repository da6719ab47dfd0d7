"""Search queries for PostgreSQL: what a user typed, turned into one `tsquery` per indexed language.

The same small language as the Whoosh backend's: every word must match, `OR` between two words lets either
do, `NOT` before a word excludes it; quotes, wildcards and other punctuation fall back to plain words. Each
word reaches PostgreSQL as a bound parameter of `plainto_tsquery`, which reads no operators, so nothing a user
types (unbalanced quotes, `&`, `|`, `!`, `:*`) can make PostgreSQL refuse the query.
"""

from __future__ import annotations

from dataclasses import dataclass

from .pg_schema import CONFIGS
from .schema import LANGUAGES, analyzer_for

_ANALYZERS = {lang: analyzer_for(lang) for lang in LANGUAGES}


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


def words_params(clauses: list[Clause]) -> dict[str, str]:
    """The bound parameters `tsquery_sql` refers to, one per word."""
    words = (word for clause in clauses for word in clause.words)
    return {f"w{number}": word for number, word in enumerate(words)}


def tsquery_sql(clauses: list[Clause], language: str) -> str:
    """A SQL expression of type `tsquery` for the language; words are the parameters `w0`, `w1`, ...

    Words PostgreSQL drops (stop words, punctuation) leave an empty operand, which `&&`, `||` and `!!` skip.
    """
    config = CONFIGS[language]
    parts: list[str] = []
    number = 0
    for clause in clauses:
        options = []
        for _ in clause.words:
            options.append(f"plainto_tsquery('{config}', :w{number})")
            number += 1
        either = f"({' || '.join(options)})"
        parts.append(f"!!{either}" if clause.negated else either)
    return " && ".join(parts)


def snippet_terms(clauses: list[Clause], language: str) -> frozenset[str]:
    """The stems to mark in a snippet of a document in `language`: those of the words that must match.

    Whoosh's analysers (schema.py) stem with the same Snowball algorithms as PostgreSQL's configurations.
    """
    analyzer = _ANALYZERS[language]
    return frozenset(
        token.text for clause in clauses if not clause.negated for word in clause.words for token in analyzer(word)
    )
