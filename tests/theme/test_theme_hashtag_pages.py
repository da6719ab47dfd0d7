"""Hashtag pages and the hashtag index render with the page template, reachable from every page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest


@pytest.fixture(scope="module")
def hashtag_urls(built_site: Path) -> list[str]:
    urls = sorted(f"tags/{folder.name}/" for folder in (built_site / "tags").iterdir() if folder.is_dir())
    assert urls, "the sample intranet uses hashtags"
    return urls


def test_a_hashtag_page_has_its_title_its_list_and_the_feed_for_its_hashtag(
    built_site, hashtag_urls, read_page
) -> None:
    for url in hashtag_urls:
        root = read_page(built_site, url)
        slug = url.split("/")[1]
        assert [h1.text.casefold() for h1 in root.iter("h1")] == [f"#{slug}"], url
        assert root.find(".//main//ul[@class='plein-tagged']/li") is not None, url
        assert root.find(".//div[@id='plein-hashtag-feed']").get("data-hashtag") == slug, url
        assert root.find(".//section[@id='plein-social']") is None, url  # the feed is its conversation


def test_a_hashtag_page_sits_under_the_index_in_the_breadcrumbs(built_site, hashtag_urls, read_page) -> None:
    url = hashtag_urls[0]
    crumbs = read_page(built_site, url).findall(".//nav[@class='breadcrumbs']//a")
    assert [urljoin("/" + url, a.get("href")) for a in crumbs] == ["/", "/tags/"]


def test_the_index_is_in_the_top_navigation_and_carries_no_conversation(built_site, read_page) -> None:
    root = read_page(built_site, "tags/")
    assert root.find(".//nav[@class='top-nav']//a[@aria-current='page']").get("href") == "./"
    assert root.find(".//section[@id='plein-social']") is None
    for url in ("", "richtlijnen/"):
        links = read_page(built_site, url).findall(".//nav[@class='top-nav']//a")
        assert urljoin("/" + url, links[-1].get("href")) == "/tags/"
