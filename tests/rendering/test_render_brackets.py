"""The link processors' closing brackets, found per bracket: the same answer as Python-Markdown's own pass."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from markdown import Markdown
from markdown.inlinepatterns import LinkInlineProcessor

from comments_service.rendering import RenderedComment
from comments_service.rendering.brackets import LinearBracketsExtension, bracket_ends

Render = Callable[..., RenderedComment]


def test_every_position_gets_the_end_python_markdown_gives_it() -> None:
    rng = random.Random(12)
    texts = ["", "[", "]", "[]", "][", "a[b]c", "[[a]b]]", "[a\n]b[", "x" * 40 + "[" + "]" * 3]
    texts += ["".join(rng.choice("[]ab\n") for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for text in texts:
        assert bracket_ends(text) == LinkInlineProcessor._findBracketEnds(text), text


def test_the_link_processors_keep_their_places() -> None:
    stock, ours = Markdown(), Markdown(extensions=[LinearBracketsExtension()])
    names = ["reference", "link", "short_reference"]
    assert [stock.inlinePatterns.get_index_for_name(name) for name in names] == [
        ours.inlinePatterns.get_index_for_name(name) for name in names]
    assert len(stock.inlinePatterns) == len(ours.inlinePatterns)
    assert all(ours.inlinePatterns[name]._findBracketEnds is bracket_ends for name in names)


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("[a [b] c](https://example.nl)", '<p><a href="https://example.nl" rel="nofollow noopener">a [b] c</a></p>'),
        ("[open [x](https://example.nl)", '<p>[open <a href="https://example.nl" rel="nofollow noopener">x</a></p>'),
        ("dicht] [x][r] [r]\n\n[r]: https://example.nl",
         '<p>dicht] <a href="https://example.nl" rel="nofollow noopener">x</a> '
         '<a href="https://example.nl" rel="nofollow noopener">r</a></p>'),
        ("[" * 2000, "<p>" + "[" * 2000 + "</p>"),
    ],
)
def test_links_with_brackets_in_and_around_them(render: Render, text: str, html: str) -> None:
    assert render(text).html == html
