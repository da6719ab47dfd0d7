"""`@mentions`: known people become links, everything else stays text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from comments_service.rendering import RenderedComment

Render = Callable[..., RenderedComment]

SANNE = '<a class="mention" href="/people/sanne.devries/" rel="nofollow noopener">@Sanne de Vries</a>'


def test_known_person_becomes_a_link(render: Render) -> None:
    rendered = render("Dank je @sanne!")
    assert rendered.html == f"<p>Dank je {SANNE}!</p>"
    assert rendered.mentions == ["sanne.devries"]


def test_handles_take_dots_hyphens_underscores_but_not_a_final_full_stop(render: Render) -> None:
    rendered = render("Vraag het @jan.jansen. Of @ahmed_el-amrani, of @sanne.")
    assert rendered.mentions == ["jjansen", "ahmed", "sanne.devries"]
    assert '<a class="mention" href="/people/jjansen/" rel="nofollow noopener">@Jan Jansen</a>. Of' in rendered.html
    assert rendered.html.endswith(f"of {SANNE}.</p>")


def test_mentions_are_unique_in_order(render: Render) -> None:
    assert render("@jan.jansen en @sanne en weer @jan.jansen").mentions == ["jjansen", "sanne.devries"]


def test_unknown_handle_stays_text(render: Render) -> None:
    rendered = render("Hoi @onbekend en @sanne")
    assert rendered.html == f"<p>Hoi @onbekend en {SANNE}</p>"
    assert rendered.mentions == ["sanne.devries"]


@pytest.mark.parametrize(
    "text",
    [
        "mail sanne@example.nl",
        "mail jan.jansen@sanne.nl",
        "zie https://medium.com/@sanne",
        "`@sanne`",
        "```\n@sanne\n```",
        "    @sanne in code",
        "<sanne@example.nl>",
        "[@sanne](https://example.nl)",
    ],
)
def test_no_mention_in_email_urls_code_or_link_text(render: Render, text: str) -> None:
    rendered = render(text)
    assert rendered.mentions == []
    assert 'class="mention"' not in rendered.html


def test_resolver_is_asked_only_about_handles(render: Render, resolver: object) -> None:
    render("sanne@example.nl, `@jan.jansen`, @ahmed_el-amrani.")
    assert resolver.asked == ["ahmed_el-amrani"]  # type: ignore[attr-defined]


def test_display_name_is_text_and_id_is_encoded(render: Render) -> None:
    rendered = render("@gek")
    assert rendered.html == (
        '<p><a class="mention" href="/people/p%2F1%3Fx/" rel="nofollow noopener">'
        "@Naam *met* #tekens &lt;b&gt;</a></p>"
    )
    assert rendered.hashtags == []


def test_site_root_prefixes_person_links(render: Render) -> None:
    assert 'href="/intranet/people/sanne.devries/"' in render("@sanne", site_root="/intranet/").html


def test_mention_inside_emphasis(render: Render) -> None:
    assert render("**@sanne**").html == f"<p><strong>{SANNE}</strong></p>"
