"""plein-scrollables: every table and code block start tag gets tabindex="0", once, and nothing else changes."""

from __future__ import annotations

import pytest

from plugins.scrollables import focusable_scrollers


@pytest.mark.parametrize(("html", "expected"), [
    ("<table>\n<thead>", '<table tabindex="0">\n<thead>'),
    ('<pre class="highlight"><code>x</code></pre>', '<pre tabindex="0" class="highlight"><code>x</code></pre>'),
    ('<pre tabindex="-1">', '<pre tabindex="-1">'),  # an author's own choice stays
    ("<TABLE>", '<TABLE tabindex="0">'),
    ("<tbody><tr><preface><prelude>", "<tbody><tr><preface><prelude>"),  # only these two elements
    ("<p>&lt;table&gt; en &lt;pre&gt; als tekst</p>", "<p>&lt;table&gt; en &lt;pre&gt; als tekst</p>"),
])
def test_tables_and_code_blocks_become_focusable(html: str, expected: str) -> None:
    assert focusable_scrollers(html) == expected
    assert focusable_scrollers(expected) == expected  # a second pass changes nothing
