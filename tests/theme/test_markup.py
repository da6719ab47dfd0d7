"""Markup editors bring from Material for MkDocs, styled by the theme: admonition types, collapsible `???`,
tabs, task lists, highlighted code in light and dark, footnotes, emoji and icons at text size, `hide:`."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.theme.conftest import SmallSite, page_file

EXTENSIONS = [
    "admonition", "attr_list", "md_in_html", "footnotes", "toc",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.emoji",
    {"pymdownx.highlight": {"anchor_linenums": True}}, "pymdownx.inlinehilite",
    {"pymdownx.tabbed": {"alternate_style": True}}, {"pymdownx.tasklist": {"custom_checkbox": True}},
]
# An icon as Material's emoji extension writes it: an inline SVG without a size of its own.
ICON = '<span class="twemoji" id="icon"><svg viewBox="0 0 24 24"><path d="M2 2h20v20H2z"/></svg></span>'
MARKUP = f"""---
hide: [toc]
---
# Alles wat Material kan

!!! note
    Een notitie.

!!! tip
    Een tip.

!!! warning
    Een waarschuwing.

!!! danger
    Gevaar.

??? warning "Klik om te openen"
    Verborgen tekst.

=== "Eerste"
    Inhoud van het eerste tabblad.

=== "Tweede"
    Inhoud van het tweede tabblad.

- [x] gedaan
- [ ] nog doen

```python
def hallo(naam: str) -> str:
    return f"Hallo {{naam}}"  # groet
```

Een bewering[^bron] met :smile: en {ICON} in de tekst.

[^bron]: De bron.

## Een

## Twee

## Drie
"""
PAGES = {"docs/index.md": "# Start\n", "docs/gids/index.md": "# Gids\n", "docs/gids/alles.md": MARKUP,
         "docs/gids/kaal.md": "---\nhide: [navigation, footer]\n---\n# Kaal\n\n## A\n\n## B\n\n## C\n"}
ASSETS = ("theme.css", "widget.css", "widget.js", "widget-thread.js", "scheme.js")


@pytest.fixture
def markup_site(small_site: SmallSite) -> Path:
    return small_site(PAGES, markdown_extensions=EXTENSIONS)


def test_every_construct_builds_strict_into_its_markup(markup_site: Path, read_page) -> None:
    root = read_page(markup_site, "gids/alles/")
    classes = {cls for element in root.iter() for cls in (element.get("class") or "").split()}
    assert {"note", "tip", "warning", "danger", "admonition", "tabbed-set", "task-list-item", "highlight",
            "footnote", "footnote-ref", "emojione", "twemoji"} <= classes
    assert root.find(".//details[@class='warning']/summary").text == "Klik om te openen"


def test_hide_front_matter_drops_the_toc_the_section_menu_and_the_pager(markup_site: Path, read_page) -> None:
    full = read_page(markup_site, "gids/alles/")
    assert full.find(".//nav[@class='toc']") is None  # hide: [toc], though it has three headings
    assert full.find(".//nav[@class='section-nav']") is not None
    bare = read_page(markup_site, "gids/kaal/")
    assert bare.find(".//nav[@class='toc']") is not None
    assert bare.find(".//nav[@class='section-nav']") is None and bare.find(".//nav[@class='pager']") is None


def test_a_page_with_everything_weighs_at_most_100_kb_with_what_it_loads(markup_site: Path) -> None:
    assets = markup_site / "assets" / "plein"
    total = page_file(markup_site, "gids/alles/").stat().st_size + sum((assets / a).stat().st_size for a in ASSETS)
    assert total <= 100 * 1024


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_constructs_look_apart_in_a_browser(markup_site: Path, serve_directory, browser, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(serve_directory(markup_site) + "gids/alles/")
    style = "([selector, property]) => getComputedStyle(document.querySelector(selector))[property]"

    borders = {kind: page.evaluate(style, [f".admonition.{kind}", "borderLeftColor"])
               for kind in ("note", "tip", "warning", "danger")}
    assert len(set(borders.values())) == 4, borders
    assert page.evaluate(style, ["details.warning", "borderLeftColor"]) == borders["warning"]
    assert not page.is_visible("text=Verborgen tekst")
    page.click("details.warning > summary")
    assert page.is_visible("text=Verborgen tekst")

    assert page.is_visible("text=Inhoud van het eerste tabblad") and not page.is_visible("text=Inhoud van het tweede")
    assert page.evaluate(style, [".tabbed-set > input", "opacity"]) == "0"  # no bare radio buttons
    page.click(".tabbed-labels > label:nth-child(2)")
    assert page.is_visible("text=Inhoud van het tweede tabblad") and not page.is_visible("text=Inhoud van het eerste")
    page.focus(".tabbed-set > input:checked")  # the radios stay reachable by keyboard
    page.keyboard.press("ArrowLeft")
    assert page.is_visible("text=Inhoud van het eerste tabblad")

    keyword, comment, plain = (page.evaluate(style, [f".highlight {s}", "color"]) for s in (".k", ".c1", ".n"))
    assert len({keyword, comment, plain}) == 3  # code has colours, not one

    font = float(page.evaluate(style, ["#icon", "fontSize"]).removesuffix("px"))
    for selector in ("#icon svg", "img.emojione"):
        box = page.locator(selector).bounding_box()
        assert box and box["height"] <= 1.5 * font, (selector, box)
    context.close()
