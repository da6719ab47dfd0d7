"""Search queries for PostgreSQL: the clauses of what a user typed (clauses.py) as one `tsquery` per language.

Each word reaches PostgreSQL as a bound parameter of `plainto_tsquery`, which reads no operators, so nothing a
user types (unbalanced quotes, `&`, `|`, `!`, `:*`) can make PostgreSQL refuse the query.
"""

from __future__ import annotations

from .clauses import Clause
from .pg_schema import CONFIGS


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
