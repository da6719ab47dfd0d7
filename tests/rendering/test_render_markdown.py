"""The Markdown subset a comment may use, and what happens to everything outside it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from comments_service.rendering import RenderedComment

Render = Callable[..., RenderedComment]


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("*schuin* en _ook_", "<p><em>schuin</em> en <em>ook</em></p>"),
        ("**vet** en __ook__", "<p><strong>vet</strong> en <strong>ook</strong></p>"),
        ("snake_case_naam blijft", "<p>snake_case_naam blijft</p>"),
        ("`a < b`", "<p><code>a &lt; b</code></p>"),
        ("- een\n- twee", "<ul>\n<li>een</li>\n<li>twee</li>\n</ul>"),
        ("1. een\n2. twee", "<ol>\n<li>een</li>\n<li>twee</li>\n</ol>"),
        ("3. drie\n4. vier", '<ol start="3">\n<li>drie</li>\n<li>vier</li>\n</ol>'),
        ("> geciteerd\n> verder", "<blockquote>\n<p>geciteerd<br>\nverder</p>\n</blockquote>"),
        ("regel een\nregel twee", "<p>regel een<br>\nregel twee</p>"),
        ("    ingesprongen <code>", '<pre tabindex="0"><code>ingesprongen &lt;code&gt;\n</code></pre>'),
        ("```python\nprint('<b>')\n```", '<pre tabindex="0"><code class="language-python">print(\'&lt;b&gt;\')\n</code></pre>'),
        ("```\nzonder taal\n```", '<pre tabindex="0"><code>zonder taal\n</code></pre>'),
    ],
)
def test_markdown_subset(render: Render, text: str, html: str) -> None:
    assert render(text).html == html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (
            "[Intranet](https://intranet.example/nieuws/ \"Nieuws\")",
            '<p><a href="https://intranet.example/nieuws/" title="Nieuws" rel="nofollow noopener">Intranet</a></p>',
        ),
        (
            "<https://example.nl/a?b=1&c=2>",
            '<p><a href="https://example.nl/a?b=1&amp;c=2" rel="nofollow noopener">'
            "https://example.nl/a?b=1&amp;c=2</a></p>",
        ),
        ("[mail](mailto:hr@example.nl)", '<p><a href="mailto:hr@example.nl" rel="nofollow noopener">mail</a></p>'),
        ("[relatief](../privacy/)", '<p><a href="../privacy/" rel="nofollow noopener">relatief</a></p>'),
        ("[ref][r]\n\n[r]: https://example.nl", '<p><a href="https://example.nl" rel="nofollow noopener">ref</a></p>'),
    ],
)
def test_links_keep_safe_urls_and_get_rel(render: Render, text: str, html: str) -> None:
    assert render(text).html == html


def test_automail_link_survives_entity_obfuscation(render: Render) -> None:
    assert render("<hr@example.nl>").html == (
        '<p><a href="mailto:hr@example.nl" rel="nofollow noopener">hr@example.nl</a></p>'
    )


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Dit is <b>vet</b>", "<p>Dit is &lt;b&gt;vet&lt;/b&gt;</p>"),
        ("<div>\nblok\n</div>", "<p>&lt;div&gt;<br>\nblok<br>\n&lt;/div&gt;</p>"),
        ("<!-- weg? -->", "<p>&lt;!-- weg? --&gt;</p>"),
        ("&lt;i&gt; &amp; & &copy;", "<p>&lt;i&gt; &amp; &amp; ©</p>"),
    ],
)
def test_raw_html_shows_as_text(render: Render, text: str, html: str) -> None:
    assert render(text).html == html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("# Kop", "<p># Kop</p>"),
        ("### Kop ###", "<p>### Kop ###</p>"),
        ("Kop\n===", "<p>Kop<br>\n===</p>"),
        ("boven\n\n---\n\nonder", "<p>boven</p>\n<p>---</p>\n<p>onder</p>"),
        ("![foto](https://example.nl/foto.jpg)",  # no image; its address is a plain URL, so a link (issue 11)
         '<p>![foto](<a href="https://example.nl/foto.jpg" rel="nofollow noopener">https://example.nl/foto.jpg</a>)</p>'),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "<p>| a | b |<br>\n|---|---|<br>\n| 1 | 2 |</p>"),
    ],
)
def test_headings_rules_images_and_tables_stay_text(render: Render, text: str, html: str) -> None:
    assert render(text).html == html


def test_plain_comment_has_no_hashtags(render: Render) -> None:
    assert render("Gewoon een reactie.") == RenderedComment(
        html="<p>Gewoon een reactie.</p>", hashtags=[]
    )


def test_rendered_comment_is_frozen(render: Render) -> None:
    rendered = render("x")
    with pytest.raises(AttributeError):
        rendered.html = "<script>"  # type: ignore[misc]


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


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("tekst\n- een\n- twee", "<p>tekst</p>\n<ul>\n<li>een</li>\n<li>twee</li>\n</ul>"),  # as typed on a phone
        ("1) een\n2) twee", "<ol>\n<li>een</li>\n<li>twee</li>\n</ol>"),
        ("* * *", "<p>* * *</p>"),
        ("Kop\n-", "<p>Kop<br>\n-</p>"),
        ("> # Kop\n> ---", "<blockquote>\n<p># Kop<br>\n---</p>\n</blockquote>"),
        ("- # Kop", "<ul>\n<li># Kop</li>\n</ul>"),
        ("![x][r]\n\n[r]: https://example.nl", '<p>![x]<a href="https://example.nl" rel="nofollow noopener">r</a></p>'),
        ("```\n# commentaar\n---\n<b>\n```", '<pre tabindex="0"><code># commentaar\n---\n&lt;b&gt;\n</code></pre>'),
        ('[x](https://a.nl/#deel "titel <b>")',
         '<p><a href="https://a.nl/#deel" title="titel &lt;b&gt;" rel="nofollow noopener">x</a></p>'),
        ("[x](https://a.nl/<b>?q=\\#y)", '<p><a href="https://a.nl/%3Cb%3E?q=#y" rel="nofollow noopener">x</a></p>'),
    ],
)
def test_commonmark_lists_and_no_headings_rules_or_images_at_any_depth(render: Render, text: str, html: str) -> None:
    assert render(text).html == html


def test_what_stands_in_for_text_is_put_back_as_typed_in_code(render: Render) -> None:
    assert render("`\\#x` `\\@sanne` `&#35;` `<b>`").html == (
        "<p><code>\\#x</code> <code>\\@sanne</code> <code>&amp;#35;</code> <code>&lt;b&gt;</code></p>"
    )


@pytest.mark.parametrize("text", ["a\ud800b", "a\x00b", "a\ufdd0b", "a\ufdd0\U000f0000b", "\ufdd0" * 3])
def test_text_no_renderer_can_take_becomes_a_replacement_character(render: Render, text: str) -> None:
    """The API refuses NUL and lone surrogates; an import may still bring them, and the stand-ins' own opener."""
    html = render(text).html
    assert html.startswith("<p>") and "\ufffd" in html and "\ufdd0" not in html and "\ud800" not in html
