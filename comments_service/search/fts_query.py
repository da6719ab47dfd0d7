"""Search queries for SQLite: the clauses of what a user typed (clauses.py) as one FTS5 query.

Each language reads the words with its own analyser, and only in its own columns (`{title_nl text_nl} : (...)`),
so a Dutch document matches the Dutch stems and an English one the English stems, as in the other backends.
Every stem reaches FTS5 as a quoted string, which it reads as words and never as syntax: nothing a user types
(quotes, `*`, `^`, `:`, `NEAR`, column names) can make SQLite refuse the query or reach another column.
"""

from __future__ import annotations

from .clauses import Clause
from .schema import LANGUAGES, words


def match_expression(clauses: list[Clause], *, kind: str | None = None, hashtag: str | None = None) -> str | None:
    """The FTS5 query for `clauses` (of documents of `kind`, tagged `hashtag`), or `None` when no language finds a
    word to look for in them.

    A word that analyses to nothing (a stop word) drops out, as PostgreSQL's `plainto_tsquery` drops it; a
    language whose reading keeps no required word is left out, as a query of exclusions alone would be.
    """
    readings = [reading for lang in LANGUAGES if (reading := _reading(clauses, lang)) is not None]
    if not readings:
        return None
    expression = " OR ".join(readings)
    if kind == "page":
        expression = f'({expression}) AND kind : "page"'
    elif kind is not None:  # a comment: every document but the few pages, which FTS5 skips faster than it reads
        expression = f'({expression}) NOT kind : "page"'  # the many comments' tokens (p95 18 ms against 12)
    if hashtag is not None:
        expression = f'({expression}) AND tags : "{tag_token(hashtag)}"'
    return expression


def tag_token(slug: str) -> str:
    """A hashtag as one FTS5 token: its UTF-8 in hexadecimal, since the tokenizer would split a slug at a hyphen or
    a combining accent (and `#foo-bar` must not match a document tagged `#foo` and `#bar`)."""
    return slug.casefold().encode().hex()


def _reading(clauses: list[Clause], language: str) -> str | None:
    required: list[str] = []
    excluded: list[str] = []
    for clause in clauses:
        either = [_word(found) for word in clause.words if (found := words(word, language))]
        if either:
            (excluded if clause.negated else required).append(f"({' OR '.join(either)})")
    if not required:
        return None
    expression = " AND ".join(required)
    if excluded:
        expression = f"({expression}) NOT ({' OR '.join(excluded)})"
    columns = " ".join(f"{part}_{language}" for part in ("title", "text"))
    return f"{{{columns}}} : ({expression})"


def _word(found: list[str]) -> str:
    """One typed word: all its stems (`e-mail` gives two), each a quoted string."""
    quoted = ['"' + stem.replace('"', '""') + '"' for stem in found]
    return quoted[0] if len(quoted) == 1 else f"({' AND '.join(quoted)})"
