"""The Whoosh schema: one stemmed text field per language, so Dutch and English both stem correctly.

A document's title and text go into the fields of its own language; queries search the fields of every
language, each analysing the query with its own stemmer. Stop words are the union of both languages'
lists in both analysers: a word dropped in one field but kept in the other would break AND queries.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from whoosh.analysis import Analyzer, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.lang import stemmer_for_language, stopwords_for_language

from .documents import SearchDocument, as_utc

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
TITLE_BOOST = 2.0

_STOPWORDS = frozenset().union(*(stopwords_for_language(lang) for lang in LANGUAGES))


def language_of(doc_language: str | None) -> str:
    """The indexed language for a document: its own when we stem it, else the site's default."""
    code = (doc_language or "").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


_SNOWBALL = {lang: stemmer_for_language(lang) for lang in LANGUAGES}


# Module-level, so the schema Whoosh pickles into the index refers to them by name; functools' cache in C
# is several times faster than Whoosh's own stem cache, which indexing and snippets both lean on.
@functools.lru_cache(maxsize=200_000)
def stem_nl(word: str) -> str:
    """Dutch snowball stem."""
    return _SNOWBALL["nl"](word)


@functools.lru_cache(maxsize=200_000)
def stem_en(word: str) -> str:
    """English snowball stem."""
    return _SNOWBALL["en"](word)


STEMMERS: dict[str, Callable[[str], str]] = {"nl": stem_nl, "en": stem_en}


WORD_PATTERN = re.compile(r"\w+(\.?\w+)*")
"""A word: letters and digits, dots inside kept (`1.5`, `e.g`). whoosh-reloaded's default also takes `*` into
words (for wildcard syntax, which Plein's queries do not offer), so `koffie*` in a text was unfindable as `koffie`."""


MIN_WORD = 2
"""Shorter words are not indexed (Whoosh's `StopFilter` default, which `analyzer_for` keeps)."""


def words(text: str, language: str) -> list[str]:
    """The terms `analyzer_for(language)` gives for `text`, in order, without Whoosh's token objects.

    The database backends index and query through this (a third of the analyser's cost); a test holds the two
    equal on random text.
    """
    stem = STEMMERS[language]
    found = (match.group(0).lower() for match in WORD_PATTERN.finditer(text))
    return [stem(word) for word in found if len(word) >= MIN_WORD and word not in _STOPWORDS]


def analyzer_for(language: str) -> Analyzer:
    """Split into words, lowercase, drop stop words, snowball-stem for the language."""
    return StemmingAnalyzer(expression=WORD_PATTERN, stemfn=STEMMERS[language], stoplist=_STOPWORDS, minsize=MIN_WORD,
                            cachesize=None)


def text_field(language: str) -> str:
    """The body field for a language."""
    return f"text_{language}"


def title_field(language: str) -> str:
    """The title field for a language."""
    return f"title_{language}"


SEARCH_FIELDS: tuple[str, ...] = tuple(
    name for lang in LANGUAGES for name in (title_field(lang), text_field(lang))
)


class SortDate(DATETIME):
    """A stored date with a sort column but no terms: nothing queries dates, and their eight range-search
    terms per document were a large share of the cost of indexing one."""

    indexed = False


def build_schema() -> Schema:
    """Terms only for what queries look up (`doc_id`, `kind`, `hashtags`); the rest is stored for display.

    Every indexed term costs each write and each merge; `recency.py` sorts by the `created` column.
    """
    fields: dict[str, Any] = {
        "doc_id": ID(stored=True, unique=True),
        "kind": ID(stored=True),
        "page_id": STORED(),
        "title": STORED(),
        "url": STORED(),
        "author": STORED(),
        "hashtags": KEYWORD(stored=True, commas=True, scorable=False),
        "created": SortDate(stored=True, sortable=True),
        "language": STORED(),
        "text": STORED(),
    }
    for lang in LANGUAGES:
        analyzer = analyzer_for(lang)
        fields[title_field(lang)] = TEXT(analyzer=analyzer, field_boost=TITLE_BOOST, phrase=False)
        fields[text_field(lang)] = TEXT(analyzer=analyzer, phrase=False)
    return Schema(**fields)


def to_fields(doc: SearchDocument) -> dict[str, Any]:
    """The keyword arguments for `writer.add_document` / `update_document`."""
    lang = language_of(doc.language)
    fields: dict[str, Any] = {
        "doc_id": doc.doc_id,
        "kind": doc.kind,
        "page_id": doc.page_id,
        "title": doc.title,
        "url": doc.url,
        "language": lang,
        "text": doc.text,
        text_field(lang): doc.text,
    }
    if doc.kind == "page":
        # A comment's title is its page's: indexing it would make every comment match the page's title.
        fields[title_field(lang)] = doc.title
    if doc.author:
        fields["author"] = doc.author
    if doc.hashtags:
        fields["hashtags"] = ",".join(tag.casefold() for tag in doc.hashtags)
    if doc.created:
        # Whoosh drops tzinfo; store naive UTC so every document sorts on the same clock.
        fields["created"] = as_utc(doc.created).replace(tzinfo=None)
    return fields


def stored_created(value: datetime | None) -> datetime | None:
    """Stored naive UTC back to aware UTC."""
    return as_utc(value) if value else None
