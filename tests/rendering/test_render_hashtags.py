"""`#hashtags` in comments follow the same grammar as in pages (`hashtag_grammar`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from comments_service.rendering import RenderedComment
from comments_service.rendering.mentions import mentioned_in

Render = Callable[..., RenderedComment]

WOL = '<a class="hashtag" href="/tags/wol/" rel="nofollow noopener">#WOL</a>'


def test_hashtag_links_to_its_page(render: Render) -> None:
    rendered = render("Mooi voorbeeld van #WOL vandaag")
    assert rendered.html == f"<p>Mooi voorbeeld van {WOL} vandaag</p>"
    assert rendered.hashtags == ["wol"]


def test_comment_may_start_with_a_hashtag(render: Render) -> None:
    assert render("#WOL rocks").html == f"<p>{WOL} rocks</p>"


def test_slugs_are_case_folded_unique_in_order(render: Render) -> None:
    rendered = render("#Gedoe en #WOL, #wol en #gedoe, #Café #intranetwerkt")
    assert rendered.hashtags == ["gedoe", "wol", "café", "intranetwerkt"]
    assert '<a class="hashtag" href="/tags/café/" rel="nofollow noopener">#Café</a>' in rendered.html


@pytest.mark.parametrize(
    ("text", "tag"), [("'#some-heading'", "some-heading"), ("#a-b", "a-b"), ("#Thuis-Werken!", "Thuis-Werken")]
)
def test_a_hyphenated_hashtag_is_one_link_as_in_pages(render: Render, text: str, tag: str) -> None:
    """The build's rule (docs/hashtags.md): a hyphen between word characters belongs to the hashtag."""
    rendered = render(text)
    assert rendered.hashtags == [tag.casefold()]
    assert f">#{tag}</a>" in rendered.html and "-</" not in rendered.html


def test_site_root_prefixes_hashtag_links(render: Render) -> None:
    assert 'href="/intranet/tags/wol/"' in render("#WOL", site_root="/intranet/").html


@pytest.mark.parametrize(
    "text",
    [
        "zie https://intranet.example/richtlijnen/privacy/#bewaartermijn",
        "[privacy](https://intranet.example/privacy/#bewaartermijn)",
        "[sectie](#bewaartermijn)",
        "<https://intranet.example/a#sectie>",
        "`#nietdit`",
        "```\n#nietdit\n```",
        "    #nietdit in een codeblok",
        "issue #123 is opgelost",
        "kleur #fff en #a1b2c3",
        "C#anders en a#b",
        "\\#ontsnapt",
        "&#35;entiteit en &#x23;hex",
    ],
)
def test_not_a_hashtag(render: Render, text: str) -> None:
    rendered = render(text)
    assert rendered.hashtags == []
    assert 'class="hashtag"' not in rendered.html


def test_hashtag_in_link_text_does_not_nest_links(render: Render) -> None:
    rendered = render("[over #WOL](https://example.nl/wol)")
    assert rendered.html == '<p><a href="https://example.nl/wol" rel="nofollow noopener">over #WOL</a></p>'
    assert rendered.hashtags == []


def test_hashtag_and_mention_side_by_side(render: Render) -> None:
    rendered = render("@sanne #WOL")
    assert rendered.html == (
        '<p><a class="mention" href="/people/sanne.devries/" rel="nofollow noopener">@Sanne de Vries</a> '
        f"{WOL}</p>"
    )
    assert (rendered.hashtags, mentioned_in(rendered.html)) == (["wol"], ["sanne.devries"])


def test_hashtag_next_to_escaped_html_stays_text_around_it(render: Render) -> None:
    assert render("#tag<b>").html == (
        '<p><a class="hashtag" href="/tags/tag/" rel="nofollow noopener">#tag</a>&lt;b&gt;</p>'
    )
