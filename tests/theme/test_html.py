"""Every built page is valid HTML5 with the landmarks and head a reader and Lighthouse expect."""

from __future__ import annotations

from pathlib import Path

import pytest


def built_pages(site_dir: Path) -> list[Path]:
    pages = sorted(site_dir.rglob("*.html"))
    assert pages, f"no HTML in {site_dir}"
    return pages


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_parses_as_strict_html5(language, built_site, english_site, parse) -> None:
    site = {"nl": built_site, "en": english_site}[language]
    for path in built_pages(site):
        try:
            parse(path)
        except Exception as error:  # html5lib raises ParseError with the position only
            pytest.fail(f"{path.relative_to(site)}: {error}")


def test_every_page_has_one_h1_the_landmarks_and_a_skip_link_to_main(built_site, parse) -> None:
    for path in built_pages(built_site):
        root = parse(path)
        body = root.find("body")
        where = path.relative_to(built_site)
        assert root.get("lang") == "nl", where
        frame = path.name == "plein-frame.html"  # the service's pages (comments_service/pages/) bring its h1
        assert len(root.findall(".//h1")) == (0 if frame else 1), where
        assert [child.tag for child in body if child.tag in {"header", "footer"}] == ["header", "footer"], where
        assert len(root.findall(".//main")) == 1 and root.find(".//main").get("id") == "main", where
        first_link = body.find(".//a")
        assert first_link.get("href") == "#main" and first_link.get("class") == "skip-link", where
        assert all(image.get("alt") is not None for image in root.iter("img")), where


def test_the_head_declares_viewport_description_icon_and_the_local_assets_only(built_site, parse) -> None:
    for path in built_pages(built_site):
        head = parse(path).find("head")
        where = path.relative_to(built_site)
        metas = {meta.get("name"): meta.get("content") for meta in head.iter("meta") if meta.get("name")}
        assert metas["viewport"] == "width=device-width, initial-scale=1", where
        assert metas["description"].strip(), where
        icon = head.find("link[@rel='icon']")
        assert icon.get("href").startswith("data:image/svg+xml,"), where
        styles = [link.get("href") for link in head.iter("link") if link.get("rel") == "stylesheet"]
        preloads = [link.get("href") for link in head.iter("link") if link.get("rel") == "modulepreload"]
        scripts = list(head.iter("script"))
        assert [style.rsplit("/", 1)[1] for style in styles] == ["theme.css", "widget.css"], where
        assert [preload.rsplit("/", 1)[1] for preload in preloads] == ["widget-thread.js"], where  # with widget.js
        assert [(s.get("src").rsplit("/", 1)[1], s.get("type")) for s in scripts] == [
            ("scheme.js", None),  # before the first paint: a chosen colour scheme never flashes
            ("widget.js", "module"),  # deferred, as modules are
        ], where
        assert not any("//" in url for url in styles + preloads + [s.get("src") for s in scripts]), where


def test_tables_and_code_blocks_take_the_keyboards_focus(built_site, parse) -> None:
    """The theme lets them scroll sideways on a phone; only what takes the focus scrolls without a pointer."""
    seen = 0
    for path in built_pages(built_site):
        root = parse(path)
        for element in [*root.iter("table"), *root.iter("pre")]:
            assert element.get("tabindex") == "0", f"{path.relative_to(built_site)}: <{element.tag}> without tabindex"
            seen += 1
    assert seen >= 10  # the sample intranet has tables and code blocks on several pages
