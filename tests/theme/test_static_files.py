"""The built site holds the theme's assets and its 404 page, but none of its Python."""

from __future__ import annotations


def test_no_python_of_the_theme_reaches_the_site(built_site) -> None:
    leaked = [
        path.relative_to(built_site)
        for path in built_site.rglob("*")
        if path.suffix in {".py", ".pyc", ".yml"} or path.name == "__pycache__"
    ]
    assert leaked == []


def test_the_theme_css_is_copied_and_small(built_site) -> None:
    css = built_site / "assets" / "plein" / "theme.css"
    assert 0 < css.stat().st_size < 12_000


def test_the_404_page_links_from_the_site_root(built_site, parse) -> None:
    root = parse(built_site / "404.html")
    hrefs = [link.get("href") for link in root.iter("link") if link.get("rel") == "stylesheet"]
    assert hrefs[0] == "/assets/plein/theme.css"
    assert root.find(".//h1").text == "Pagina niet gevonden"
    assert root.find(".//main//a").get("href") == "/"
