"""Python-Markdown's link processors with the closing brackets found in a few steps per bracket, not per character.

Python-Markdown 3.11 finds where every `[` of a text closes in one pass (before, a scan from each `[` made texts
with many unclosed brackets quadratic), but that pass does Python work for every character of the text, twice per
paragraph with a link (the reference and the inline link processor each make it): a third of the time a short
comment with a link takes to render. `bracket_ends` gives the same answer for every position, with Python work
per bracket only (the runs of positions between brackets are filled as slices), so it stays linear.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import (
    LINK_RE,
    REFERENCE_RE,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)

_BRACKET = re.compile(r"[\[\]]")


def bracket_ends(data: str) -> list[int | None]:
    """For each position of ``data`` (and its end), the position just past the ``]`` that closes the innermost
    bracket open there (a stray ``]`` closes the text before it), or ``None``: what Python-Markdown's
    ``LinkInlineProcessor._findBracketEnds`` answers.

    Positions between two brackets share the depth, so they are pushed as one run (start, stop, depth) and,
    once a bracket brings the depth below the run's, all get the same end.
    """
    ends: list[int | None] = [None] * (len(data) + 1)
    runs: list[tuple[int, int, int]] = []  # the depth strictly increases from bottom to top
    depth = start = 0
    for bracket in _BRACKET.finditer(data):
        position = bracket.start()
        runs.append((start, position + 1, depth))
        depth += 1 if data[position] == "[" else -1
        start = position + 1
        while runs and depth < runs[-1][2]:
            first, stop, _ = runs.pop()
            ends[first:stop] = [start] * (stop - first)
    return ends


class _LinearBrackets:
    """Mixed into a link processor: `bracket_ends` instead of the per-character pass."""

    _findBracketEnds = staticmethod(bracket_ends)  # noqa: N815 - Python-Markdown's name


class _Link(_LinearBrackets, LinkInlineProcessor):
    """`[text](url)`."""


class _Reference(_LinearBrackets, ReferenceInlineProcessor):
    """`[text][label]`."""


class _ShortReference(_LinearBrackets, ShortReferenceInlineProcessor):
    """`[label]`."""


class LinearBracketsExtension(Extension):
    """Replace the three link processors a comment uses by the same ones with `bracket_ends`, at their places."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        # Names, patterns and priorities as `markdown.inlinepatterns.build_inlinepatterns` registers them.
        md.inlinePatterns.register(_Reference(REFERENCE_RE, md), "reference", 170)
        md.inlinePatterns.register(_Link(LINK_RE, md), "link", 160)
        md.inlinePatterns.register(_ShortReference(REFERENCE_RE, md), "short_reference", 130)
