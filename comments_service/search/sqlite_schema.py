"""The SQLite backend's tables: each search document, its words under FTS5, and its hashtags with its date.

Derived data, like the Whoosh index: filled from the service's tables by drains, syncs and rebuilds. Migration
0020 creates them on SQLite only (the SQL is here, so the backend's tests make the same tables), and Alembic's
comparisons of the models with a database leave them out (derived.py).

The words are Plein's own analysis (schema.py: Snowball stems of Dutch or English, stop words dropped), joined by
spaces into the FTS5 columns of the document's language, so SQLite's tokenizer only splits them again and both
languages stem as in the Whoosh and PostgreSQL backends. A document fills only its language's two columns; a
query reads each language's columns with that language's reading of the words (fts_query.py).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

from .schema import LANGUAGES

TABLE = "search_documents"
WORDS_TABLE = "search_words"
TAGS_TABLE = "search_hashtags"
WORD_COLUMNS: tuple[str, ...] = tuple(f"{part}_{lang}" for lang in LANGUAGES for part in ("title", "text"))
"""FTS5's columns of words: `title_nl, text_nl, title_en, text_en`."""
FILTER_COLUMNS = ("kind", "tags")
"""FTS5's columns that narrow a search down: the document's kind, and its hashtags as tokens (fts_query.tag_token),
so that a filtered search never leaves the full-text index to look at the documents' rows."""
COLUMNS = "doc_id, kind, page_id, title, url, text, language, hashtags, author, created"
"""The columns of a hit; the documents' `id` is their row in `search_words`."""

CREATE_DOCUMENTS = f"""CREATE TABLE {TABLE} (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    kind VARCHAR(16) NOT NULL,
    page_id TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    text TEXT NOT NULL,
    language VARCHAR(8) NOT NULL,
    hashtags TEXT NOT NULL,
    author TEXT,
    created TEXT
)"""
"""`hashtags` holds a JSON list; `created` ISO 8601 in UTC, to the microsecond (it sorts as text)."""
REBUILT_TABLES = (TAGS_TABLE, WORDS_TABLE)
CREATE_REBUILT: tuple[str, ...] = (
    f"""CREATE TABLE {TAGS_TABLE} (
        doc_id TEXT NOT NULL,
        tag TEXT NOT NULL,
        created TEXT,
        PRIMARY KEY (doc_id, tag)
    )""",
    f"CREATE INDEX ix_{TAGS_TABLE}_tag_created ON {TAGS_TABLE} (tag, created)",
    f"CREATE VIRTUAL TABLE {WORDS_TABLE}"
    f" USING fts5({', '.join(WORD_COLUMNS + FILTER_COLUMNS)}, tokenize = 'unicode61 remove_diacritics 0')",
)
"""The tables a rebuild drops and creates again (emptying FTS5's row by row costs seconds); the words table keeps
its own copy of the words, so a document's row there can be deleted by its id alone."""
CREATE: tuple[str, ...] = (CREATE_DOCUMENTS, *CREATE_REBUILT)

DROP: tuple[str, ...] = tuple(f"DROP TABLE IF EXISTS {name}" for name in (WORDS_TABLE, TAGS_TABLE, TABLE))


def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 (every mainstream build does; a minimal one may not)."""
    try:
        with closing(sqlite3.connect(":memory:")) as probe:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(words)")
    except sqlite3.OperationalError:
        return False
    return True
