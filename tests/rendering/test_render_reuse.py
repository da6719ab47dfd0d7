"""Comments rendered one after another, under other site roots and in threads side by side: nothing of one
comment leaks into the next."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from comments_service.rendering import RenderedComment, render_comment
from comments_service.rendering.mentions import mentioned_in, nobody

Render = Callable[..., RenderedComment]


def test_nothing_carries_over_to_the_next_comment(render: Render) -> None:
    assert render("#WOL met @sanne [x][r]\n\n[r]: https://example.nl").hashtags == ["wol"]
    for text in ("   ", "", "gewoon tekst [x][r]"):
        assert render(text) == RenderedComment(
            html="<p>gewoon tekst [x][r]</p>" if text.strip() else "", hashtags=[]
        )


def test_resolver_of_one_call_is_not_used_by_the_next() -> None:
    render_comment("@sanne", resolve_mention=lambda handle: ("s", "Sanne"))
    assert render_comment("@sanne", resolve_mention=nobody).html == "<p>@sanne</p>"


def test_site_roots_do_not_mix() -> None:
    def links(site_root: str) -> str:
        return render_comment("#WOL", resolve_mention=nobody, site_root=site_root).html

    assert 'href="/a/tags/wol/"' in links("/a/")
    assert 'href="/b/tags/wol/"' in links("/b/")
    assert 'href="/a/tags/wol/"' in links("/a/")


def test_threads_render_side_by_side() -> None:
    def one(number: int) -> RenderedComment:
        return render_comment(f"#tag{number} @p{number}", resolve_mention=lambda handle: (handle, handle.upper()))

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(one, range(200)))
    for number, rendered in enumerate(results):
        assert (rendered.hashtags, mentioned_in(rendered.html)) == ([f"tag{number}"], [f"p{number}"])
