"""A long page lists its own sections (its h2 headings) in an "on this page" navigation."""

from __future__ import annotations


def test_the_toc_lists_the_sections_of_long_pages_only(built_site, manifest, read_page, theme_strings) -> None:
    with_toc = 0
    for entry in manifest["pages"]:
        root = read_page(built_site, entry["url"])
        sections = [f"#{h2.get('id')}" for h2 in root.findall(".//article//h2")]
        toc = root.find(".//nav[@class='toc']")
        if len(sections) > 2:
            assert toc.find("h2").text == theme_strings["nl"]["toc"]
            assert [a.get("href") for a in toc.iter("a")] == sections, entry["url"]
            with_toc += 1
        else:
            assert toc is None, entry["url"]
    assert with_toc, "the sample intranet has long pages"
