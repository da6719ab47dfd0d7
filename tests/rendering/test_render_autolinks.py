"""Plain URLs in comments become links (issue 11), through the same sanitizer as every link."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from comments_service.rendering import RenderedComment
from comments_service.rendering.mentions import mentioned_in
from comments_service.rendering.sanitize import LINK_REL

Render = Callable[..., RenderedComment]


def link(href: str, text: str | None = None) -> str:
    return f'<a href="{href}" rel="{LINK_REL}">{text or href}</a>'


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("zie https://example.nl/a_b?x=1&y=2#deel.", f"<p>zie {link('https://example.nl/a_b?x=1&amp;y=2#deel')}.</p>"),
        ("http://oud.example.nl, of niet?", f"<p>{link('http://oud.example.nl')}, of niet?</p>"),
        ("(op www.plein.nl/wiki/Foo_(bar))",
         f"<p>(op {link('https://www.plein.nl/wiki/Foo_(bar)', 'www.plein.nl/wiki/Foo_(bar)')})</p>"),
        ("**https://vet.example.nl**", f"<p><strong>{link('https://vet.example.nl')}</strong></p>"),
        ("[tekst](https://a.example.nl) en https://b.example.nl!",
         f"<p>{link('https://a.example.nl', 'tekst')} en {link('https://b.example.nl')}!</p>"),
        ("<https://hoek.example.nl>", f"<p>{link('https://hoek.example.nl')}</p>"),
    ],
)
def test_plain_urls_become_links_without_their_sentence_punctuation(render: Render, text: str, html: str) -> None:
    assert render(text).html == html


@pytest.mark.parametrize(
    "text",
    ["`https://code.example.nl`", "http://", "https://localhost", "jan@www.example.nl", "ftp://example.nl/x",
     "javascript:alert(1)//https://x.example.nl"],
)
def test_what_is_not_a_plain_web_url_stays_text(render: Render, text: str) -> None:
    assert "<a " not in render(text).html.replace("<code>", "")


def test_a_hashtag_or_mention_after_a_url_is_still_one_but_not_inside_it(render: Render) -> None:
    rendered = render("https://example.nl/@sanne#intro @sanne #wol")
    assert rendered.html.startswith(f"<p>{link('https://example.nl/@sanne#intro')} <a class=\"mention\"")
    assert rendered.hashtags == ["wol"] and mentioned_in(rendered.html) == ["sanne.devries"]


def test_a_quote_ends_the_url_so_no_attribute_can_be_smuggled_in(render: Render) -> None:
    html = render('https://a.example.nl/"onmouseover=alert(1) x').html
    assert html == f'<p>{link("https://a.example.nl/")}"onmouseover=alert(1) x</p>'
