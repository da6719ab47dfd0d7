"""Random comments made of Markdown's own characters: what the renderer promises holds for every one of them.

The stand-ins (`rendering/stash.py`) are the part a fixed example can miss, so the texts are built from the
characters that make cmark or the stash act, and checked against promises that need no expected output: nothing
outside the allow-list, no stand-in left over, code shown exactly as typed, every linked hashtag reported.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Callable

import pytest

from comments_service.rendering import RenderedComment, stash
from comments_service.rendering.mentions import mentioned_in
from test_render_sanitizer import violations

Render = Callable[..., RenderedComment]

PIECES = [
    "#", "# ", "##", "\\#", "&#35;", "&num;", "@", "@sanne", "\\@", "&#64;", "<", ">", "<b>", "<https://e.nl>",
    "<a@b.nl>", "!", "![", "[", "]", "(", ")", "](https://e.nl)", "*", "**", "_", "`", "```", "~~~", "-", "---",
    "===", "* * *", "1.", "2)", "> ", "\n", "\n\n", "    ", " ", "\t", "&", "&amp;", "&lt;", '"', "'", "#wol",
    "#Café", "www.e.nl/#x", "https://e.nl/a_b", "tekst", "é", "\u00a0", "\\", "|",
]
CASES = 3000
OUTSIDE_TEXT = re.compile("[\ufdd0\U000f0000-\U0010ffff]")  # a stand-in, or its number, left in the HTML


def random_texts(seed: int, count: int, longest: int = 14) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, longest))) for _ in range(count)]


def test_every_text_renders_to_the_allow_list_with_nothing_stashed_left(render: Render) -> None:
    for text in random_texts(29, CASES):
        rendered = render(text)
        assert violations(rendered.html) == [], (text, rendered.html)
        assert not OUTSIDE_TEXT.search(rendered.html), (text, rendered.html)


def test_every_linked_hashtag_is_reported_and_every_mention_is_a_known_person(render: Render) -> None:
    for text in random_texts(30, CASES):
        rendered = render(text)
        linked = re.findall(r'class="hashtag" href="/tags/([^/"]+)/"', rendered.html)
        assert list(dict.fromkeys(html.unescape(slug) for slug in linked)) == rendered.hashtags, (text, rendered)
        assert set(mentioned_in(rendered.html)) <= {"sanne.devries"}, (text, rendered.html)


def shown_code(rendered: str, before: str, after: str) -> str:
    """The text a reader sees in a rendered code block or span that is the whole comment ("" when it is not)."""
    if not (rendered.startswith(before) and rendered.endswith(after)) or "<" in rendered[len(before):-len(after)]:
        return ""
    return html.unescape(rendered[len(before):-len(after)])


@pytest.mark.parametrize("fence", ["```", "~~~"])
def test_a_code_block_shows_exactly_what_was_typed(render: Render, fence: str) -> None:
    for code in random_texts(31, CASES // 3):
        if "```" in code or "~~~" in code:
            continue
        rendered = render(f"{fence}\n{code}\n{fence}")
        assert shown_code(rendered.html, '<pre tabindex="0"><code>', "\n</code></pre>") == code, rendered.html
        assert rendered.hashtags == []


def test_a_code_span_shows_exactly_what_was_typed(render: Render) -> None:
    for code in random_texts(32, CASES):
        code = code.replace("`", "").replace("\n", "").strip()
        if not code or "\\" in code[-1:]:
            continue
        rendered = render(f"`{code}`")
        assert shown_code(rendered.html, "<p><code>", "</code></p>") == code, rendered.html


def test_a_full_stash_leaves_the_rest_to_cmark(monkeypatch: pytest.MonkeyPatch, render: Render) -> None:
    """Only a comment far over the default length limit fills it; what cmark then reads stays within the allow-list."""
    monkeypatch.setattr(stash, "ROOM", 2)
    rendered = render("<b>1</b> <i>2</i> # 3")
    omitted = "&lt;!-- raw HTML omitted --&gt;"  # cmark's own word for a tag it did not pass; no text is lost
    assert rendered.html == f"<p>&lt;b&gt;1&lt;/b&gt; {omitted}2{omitted} # 3</p>"
    assert violations(rendered.html) == []
