"""`@mentions`: known people and department accounts become links, everything else stays text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from comments_service.rendering import RenderedComment, render_comment
from comments_service.rendering.mentions import departments_mentioned_in, mentioned_in

Render = Callable[..., RenderedComment]

SANNE = '<a class="mention" href="/people/sanne.devries/" rel="nofollow noopener">@Sanne de Vries</a>'


def test_known_person_becomes_a_link(render: Render) -> None:
    rendered = render("Dank je @sanne!")
    assert rendered.html == f"<p>Dank je {SANNE}!</p>"
    assert mentioned_in(rendered.html) == ["sanne.devries"]


def test_handles_take_dots_hyphens_underscores_but_not_a_final_full_stop(render: Render) -> None:
    rendered = render("Vraag het @jan.jansen. Of @ahmed_el-amrani, of @sanne.")
    assert mentioned_in(rendered.html) == ["jjansen", "ahmed", "sanne.devries"]
    assert '<a class="mention" href="/people/jjansen/" rel="nofollow noopener">@Jan Jansen</a>. Of' in rendered.html
    assert rendered.html.endswith(f"of {SANNE}.</p>")


def test_every_mention_links_in_order(render: Render) -> None:
    rendered = render("@jan.jansen en @sanne en weer @jan.jansen")
    assert mentioned_in(rendered.html) == ["jjansen", "sanne.devries", "jjansen"]


def test_unknown_handle_stays_text(render: Render) -> None:
    rendered = render("Hoi @onbekend en @sanne")
    assert rendered.html == f"<p>Hoi @onbekend en {SANNE}</p>"
    assert mentioned_in(rendered.html) == ["sanne.devries"]


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
    assert mentioned_in(rendered.html) == []
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


DEPARTMENTS = {"hr": "HR", "it": "IT-afdeling", "sanne": "Team Sanne"}
HR = '<a class="mention" href="/departments/hr/" rel="nofollow noopener">@HR</a>'


def render_with_departments(text: str, resolver: Any, site_root: str = "/") -> RenderedComment:
    return render_comment(text, resolve_mention=resolver, site_root=site_root, departments=DEPARTMENTS)


def test_a_department_account_links_to_its_page_under_its_name_in_any_case(resolver: Any) -> None:
    rendered = render_with_departments("Vraag het @hr, of @IT. Of @sanne.devries", resolver)
    assert rendered.html == (
        f"<p>Vraag het {HR}, of "
        '<a class="mention" href="/departments/it/" rel="nofollow noopener">@IT-afdeling</a>. Of @sanne.devries</p>'
    )
    # people only in mentioned_in: a department's members are told by its own rule
    assert departments_mentioned_in(rendered.html) == ["hr", "it"] and mentioned_in(rendered.html) == []
    assert 'href="/intranet/departments/hr/"' in render_with_departments("@hr", resolver, "/intranet/").html


def test_a_department_comes_before_a_person_of_the_same_id(resolver: Any) -> None:
    rendered = render_with_departments("@sanne en @jan.jansen", resolver)
    team = '<a class="mention" href="/departments/sanne/" rel="nofollow noopener">@Team Sanne</a>'
    assert rendered.html.startswith(f"<p>{team} en ")
    assert resolver.asked == ["jan.jansen"]
    assert departments_mentioned_in(rendered.html) == ["sanne"] and mentioned_in(rendered.html) == ["jjansen"]


@pytest.mark.parametrize("text", ["`@hr`", "```\n@hr\n```", "mail hr@example.nl", "[@hr](https://example.nl)"])
def test_no_department_mention_in_code_addresses_or_link_text(resolver: Any, text: str) -> None:
    rendered = render_with_departments(text, resolver)
    assert 'class="mention"' not in rendered.html and departments_mentioned_in(rendered.html) == []


def test_without_departments_their_ids_are_asked_of_the_people(render: Render, resolver: Any) -> None:
    assert render("@hr").html == "<p>@hr</p>" and resolver.asked == ["hr"]


@pytest.mark.parametrize("text", ["\\@sanne", "&#64;sanne", "&#x40;sanne", "&commat;sanne"])
def test_an_escaped_or_spelled_at_sign_mentions_nobody(render: Render, resolver: Any, text: str) -> None:
    assert render(text).html == "<p>@sanne</p>" and resolver.asked == []
