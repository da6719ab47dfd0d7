"""Search in the theme: a search form in every page's header, the search page, the hashtag pages' live list
and the trending placeholder, with search.js loaded only where it has work to do."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest

SEARCH_JS = "search.js"


def built_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def loads_search_js(root) -> bool:
    return any((script.get("src") or "").endswith(f"/{SEARCH_JS}") for script in root.iter("script"))


def search_config(root) -> dict:
    return json.loads(root.find(".//script[@id='plein-search-config']").text)


@pytest.fixture(scope="module")
def hashtag_urls(built_site: Path) -> list[str]:
    return sorted(f"tags/{folder.name}/" for folder in (built_site / "tags").iterdir() if folder.is_dir())


def test_every_page_has_a_labelled_search_form_leading_to_the_service_s_results_page(built_site, parse) -> None:
    for path in built_pages(built_site):
        root = parse(path)
        where = path.relative_to(built_site).as_posix()
        form = root.find(".//header//form[@role='search']")
        assert form is not None and form.get("method") == "get" and form.get("id") == "site-search", where
        assert urljoin("/" + where, form.get("action")) == "/search/", where  # answered without JavaScript
        field = form.find(".//input[@name='q']")
        label = form.find(f".//label[@for='{field.get('id')}']")
        assert field.get("type") == "search" and label.text == "Zoek in pagina's en reacties", where
        assert form.find(".//button[@type='submit']").text == "Zoeken", where


def test_the_search_page_has_one_search_box_its_filters_and_a_notice_without_javascript(built_site, parse) -> None:
    root = parse(built_site / "search.html")
    assert root.find(".//h1").text == "Zoeken"
    assert [field.get("id") for field in root.iter("input") if field.get("name") == "q"] == ["site-search-q"]
    main = root.find(".//main")
    assert main.find(".//form") is None, "the filters join the header's form: one search box"
    fields = [field for field in main.iter("input")]
    assert fields and all(field.get("form") == "site-search" for field in fields)
    assert main.find(".//input[@id='search-tag']").get("name") == "tag"
    assert main.find(".//label[@for='search-tag']").text == "Met hashtag (niet verplicht)"
    assert main.find(".//fieldset/legend").text == "Toon"
    kinds = [(radio.get("value"), radio.tail.strip()) for radio in main.iter("input") if radio.get("type") == "radio"]
    assert kinds == [("", "Alles"), ("page", "Pagina's"), ("comment", "Reacties")]
    assert main.find(".//button[@form='site-search']").text == "Zoeken"
    assert "reactieservice" in "".join(main.find(".//noscript").itertext())
    assert main.find(".//p[@class='plein-search__notice plein-notice']").get("hidden") == ""
    assert main.find(".//p[@role='status']") is not None
    assert loads_search_js(root)


def test_the_search_page_links_from_the_site_root_as_the_web_server_answers_search_with_it(built_site, parse) -> None:
    root = parse(built_site / "search.html")
    assets = [element.get("src") or element.get("href") for element in [*root.iter("script"), *root.iter("link")]
              if (element.get("src") or element.get("rel") == "stylesheet")]
    assert assets and all(asset.startswith("/assets/") for asset in assets), assets
    assert search_config(root)["root"] == "/"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_search_js_gets_the_api_the_site_root_and_the_strings_of_the_language(
    language, built_site, english_site, theme_strings, read_page
) -> None:
    site = {"nl": built_site, "en": english_site}[language]
    config = search_config(read_page(site, "tags/gedoe/"))
    strings = theme_strings[language]["search_script"]
    assert config == {"api": "/api", "root": "../../", "lang": language, "strings": strings}
    assert theme_strings["nl"]["search_script"].keys() == theme_strings["en"]["search_script"].keys()


def test_hashtag_pages_hold_the_feed_around_the_built_list_and_load_search_js(
    built_site, hashtag_urls, read_page
) -> None:
    assert hashtag_urls, "the sample intranet uses hashtags"
    for url in hashtag_urls:
        root = read_page(built_site, url)
        feed = root.find(".//main//div[@id='plein-hashtag-feed']")
        assert feed.get("data-hashtag") == url.split("/")[1], url
        assert feed.find("p[@role='status']") is not None, url
        assert feed.find("ul[@class='plein-tagged']/li") is not None, url
        assert loads_search_js(root), url


def test_home_and_hashtag_index_carry_the_hidden_trending_placeholder(built_site, read_page) -> None:
    for url in ("", "tags/"):
        root = read_page(built_site, url)
        trending = root.find(".//main//section[@id='plein-trending']")
        assert trending.get("hidden") == "" and trending.get("aria-labelledby") == "plein-trending-title", url
        assert root.find(".//h2[@id='plein-trending-title']").text == "Populaire hashtags", url
        assert loads_search_js(root), url


def test_search_js_is_deferred_and_only_on_pages_with_a_search_part(built_site, hashtag_urls, parse) -> None:
    needed = {built_site / url / "index.html" for url in ["", "tags/", *hashtag_urls]}
    needed |= {built_site / "search.html", built_site / "404.html"}  # 404: hashtags only comments use
    for path in built_pages(built_site):
        root = parse(path)
        scripts = [script for script in root.iter("script") if (script.get("src") or "").endswith(f"/{SEARCH_JS}")]
        assert len(scripts) == (1 if path in needed else 0), path.relative_to(built_site)
        assert all(script.get("defer") == "" for script in scripts)


def test_search_js_is_readable_and_small() -> None:
    source = (Path(__file__).resolve().parents[2] / "theme" / "assets" / "plein" / SEARCH_JS).read_text()
    assert len(source.encode()) < 10_000
    assert max(len(line) for line in source.splitlines()) <= 120
