"""HTML snippets: the matched words in `<mark>`, every other character escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Collection

from whoosh.analysis import Analyzer
from whoosh.highlight import (
    FIRST,
    BasicFragmentScorer,
    ContextFragmenter,
    HtmlFormatter,
    set_matched_filter,
    top_fragments,
)

SNIPPET_CHARS = 200
_CONTEXT = 60
_FRAGMENTER = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=_CONTEXT, charlimit=20_000)


class _MarkFormatter(HtmlFormatter):
    """`<mark>` without Whoosh's per-term classes; text between matches is escaped by the base class."""

    template = "<%(tag)s>%(t)s</%(tag)s>"

    def __init__(self) -> None:
        super().__init__(tagname="mark")


def query_snippet(text: str, terms: Collection[str], analyzer: Analyzer) -> str:
    """The best two passages of `text` for the (analysed) query terms, or its opening when none match.

    Whoosh cuts passages at token edges, which can split `<b>` into `b>`; passages are widened to whole
    words and marked with an ellipsis where they do not reach the end of the text.
    """
    tokens = set_matched_filter(analyzer(text, chars=True, mode="index", removestops=False), frozenset(terms))
    fragments = top_fragments(_FRAGMENTER.fragment_tokens(text, tokens), 2, BasicFragmentScorer(), FIRST)
    if not fragments:
        return opening(text)
    formatter = _MarkFormatter()
    passages = []
    for fragment in fragments:
        fragment.startchar = text.rfind(" ", 0, fragment.startchar) + 1
        end = text.find(" ", fragment.endchar)
        fragment.endchar = len(text) if end < 0 else end
        passages.append(formatter.format_fragment(fragment))
    lead = "" if fragments[0].startchar == 0 else "…"
    tail = "" if fragments[-1].endchar == len(text) else "…"
    return lead + " … ".join(passages) + tail


def hashtag_snippet(text: str, slug: str) -> str:
    """The passage around the first `#tag` (any case) in `text`, or its opening when absent."""
    match = re.search(rf"#{re.escape(slug)}(?!\w)", text, flags=re.IGNORECASE)
    if match is None:
        return opening(text)
    start = max(0, match.start() - _CONTEXT)
    end = min(len(text), match.end() + SNIPPET_CHARS - _CONTEXT)
    return "".join(
        (
            "…" if start else "",
            html.escape(text[start : match.start()], quote=False),
            f"<mark>{html.escape(match.group(0), quote=False)}</mark>",
            html.escape(text[match.end() : end], quote=False),
            "…" if end < len(text) else "",
        )
    )


def opening(text: str) -> str:
    """The first words of `text`, escaped, cut at a word boundary."""
    if len(text) <= SNIPPET_CHARS:
        return html.escape(text, quote=False)
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return html.escape(text[: cut if cut > 0 else SNIPPET_CHARS], quote=False) + "…"
