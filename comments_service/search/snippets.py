"""HTML snippets: the matched words in `<mark>`, every other character escaped.

Not Whoosh's highlighter: it re-analyses the whole stored text of every hit (tokenise, lowercase, stem),
which for 20 long pages costs more than the search. Here a regular expression finds the words that start
like a query stem, and only those few are stemmed to confirm the match.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Collection

SNIPPET_CHARS = 200
_CONTEXT = 60
_PASSAGES = 2
_PREFIX = 4  # stems can differ from the word after a few letters (happy -> happi), rarely before

Span = tuple[int, int]


def query_snippet(text: str, terms: Collection[str], stem: Callable[[str], str]) -> str:
    """Passages of `text` around the words whose stem is one of `terms`, or its opening when none is."""
    if not terms:
        return opening(text)
    candidates = _prefix_pattern(frozenset(terms)).finditer(text)
    spans = [match.span() for match in candidates if stem(match.group(0).lower()) in terms]
    return passages(text, spans) if spans else opening(text)


def hashtag_snippet(text: str, slug: str) -> str:
    """The passage around `#tag` (any case) in `text`, or its opening when absent."""
    spans = [match.span() for match in re.finditer(rf"#{re.escape(slug)}(?!\w)", text, flags=re.IGNORECASE)]
    return passages(text, spans) if spans else opening(text)


def passages(text: str, spans: list[Span]) -> str:
    """Up to two windows of about `SNIPPET_CHARS` around the first spans, cut at spaces, spans marked."""
    out: list[str] = []
    end = 0
    for _ in range(_PASSAGES):
        following = [span for span in spans if span[0] >= end]
        if not following:
            break
        first = following[0][0]
        start = 0 if first <= _CONTEXT else text.rfind(" ", 0, first - _CONTEXT) + 1
        if start > end:  # a gap before this passage; one that overlaps the last goes on where it ended
            out.append(_cut_mark(out[-1]) if out else "…")
        start = max(start, end)  # so no text shows twice
        end = text.find(" ", max(start + SNIPPET_CHARS, following[0][1]))
        end = len(text) if end < 0 else end
        out.append(_marked(text, start, end, [span for span in following if span[1] <= end]))
    if end < len(text):
        out.append(_cut_mark(out[-1]))
    return "".join(out)


def opening(text: str) -> str:
    """The first words of `text`, escaped, cut at a word boundary."""
    if len(text) <= SNIPPET_CHARS:
        return html.escape(text, quote=False)
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    shown = html.escape(text[: cut if cut > 0 else SNIPPET_CHARS], quote=False)
    return shown + _cut_mark(shown)


def _cut_mark(before: str) -> str:
    """The ellipsis after text cut short: after a sentence's end with a space ("klaar. …"), not run on ("klaar.…")."""
    return " …" if before.endswith((".", "!", "?", ":", ";")) else "…"


def _marked(text: str, start: int, end: int, spans: list[Span]) -> str:
    pieces = []
    at = start
    for left, right in spans:
        pieces.append(html.escape(text[at:left], quote=False))
        pieces.append(f"<mark>{html.escape(text[left:right], quote=False)}</mark>")
        at = right
    pieces.append(html.escape(text[at:end], quote=False))
    return "".join(pieces)


@functools.lru_cache(maxsize=256)
def _prefix_pattern(terms: frozenset[str]) -> re.Pattern[str]:
    """Whole words starting like one of the stems."""
    prefixes = sorted({re.escape(term[:_PREFIX]) for term in terms}, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(prefixes)})\w*", flags=re.IGNORECASE)
