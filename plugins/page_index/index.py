"""The compact page index: per page its URL, title, the opening of its text and each distinct word once.

Search with the service down only has to say which pages hold the query's words and show where to go, so the
full text is not needed: a page's distinct words, lowercased, in the order they first occur, are a fraction of
its text (docs/architecture.md has the sample site's figures), and a prefix test on them finds inflected words
("vergader" finds "vergaderingen") as the service's stemming would, near enough.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

FILE = "plein/pages-index.json"
VERSION = 1
_WORD = re.compile(r"[^\W_]{2,}")  # letters and digits, two or more: one-letter words find everything


class IndexedPage(Protocol):
    """What the index needs of a page (a manifest entry, frozen, has it): read only."""

    @property
    def url(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def text(self) -> str: ...


def words(*texts: str) -> str:
    """The distinct words of ``texts``, lowercased, in order of first occurrence, separated by spaces."""
    seen: dict[str, None] = {}
    for text in texts:
        seen.update(dict.fromkeys(match.group(0).lower() for match in _WORD.finditer(text)))
    return " ".join(seen)


def summary(text: str, limit: int) -> str:
    """The opening of ``text``, cut at a space, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + "…"


def page_index(pages: Iterable[IndexedPage], summary_chars: int) -> dict[str, object]:
    """The index document: ``{"version": 1, "pages": [[url, title, summary, words], ...]}``."""
    return {
        "version": VERSION,
        "pages": [[page.url, page.title, summary(page.text, summary_chars), words(page.title, page.text)]
                  for page in pages],
    }


def write(site_dir: Path, index: dict[str, object]) -> Path:
    """Write the index into the built site; compact JSON (UTF-8, no spaces) since readers load all of it."""
    target = site_dir / FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return target
