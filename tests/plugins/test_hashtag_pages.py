"""plein-hashtags in a real build: links in pages, a page per hashtag, the index, case-insensitive grouping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.structure.files import InclusionLevel
from plugin_helpers import BuildSite, Site

from plugins.hashtags.plugin import HashtagsPlugin
from plugins.hashtags.structure import Hashtag

HASHTAG_LINK_RE = re.compile(r'<a class="hashtag" href="([^"]*)">#([^<]*)</a>')


def write(docs: Path, path: str, text: str) -> None:
    target = docs / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def plugin(site: Site) -> HashtagsPlugin:
    found = site.config.plugins["plein-hashtags"]
    assert isinstance(found, HashtagsPlugin)
    return found


@pytest.fixture
def site(tmp_path: Path, build_site: BuildSite) -> Site:
    docs = tmp_path / "project" / "docs"
    write(docs, "index.md", "# Welkom\n\nHier werken we #WOL. Meer volgt.\n")
    write(
        docs,
        "richtlijnen/privacy.md",
        "---\nowner: Team Juridisch\ndescription: Hoe we met gegevens omgaan.\n---\n"
        "# Privacy\n\nOver #privacy en #wol, en nog eens #WOL.\n",
    )
    write(
        docs,
        "teams/ict.md",
        "---\nowner: [Team ICT, Sanne de Vries]\n---\n# Team ICT\n\n"
        "Wij houden van #Wol en #café. Tweede zin.\n\n```\n#geencode\n```\n",
    )
    write(docs, "teams/hr.md", "# HR\n\nAlleen #café hier, `#ookgeencode`.\n")
    return build_site(tmp_path / "project", plugins=["plein-hashtags"], strict=True)


def test_hashtags_become_relative_links_to_their_page(site: Site) -> None:
    links = HASHTAG_LINK_RE.findall(site.read("teams/ict/index.html"))
    assert links == [("../../tags/wol/", "Wol"), ("../../tags/caf%C3%A9/", "café")]
    assert HASHTAG_LINK_RE.findall(site.read("index.html")) == [("tags/wol/", "WOL")]


def test_page_meta_lists_hashtags_once_as_first_written(site: Site) -> None:
    privacy = next(page for page in plugin(site).index.pages("privacy") if page.file.src_uri.endswith("privacy.md"))
    assert privacy.meta["plein_hashtags"] == [
        Hashtag(label="privacy", slug="privacy", url="tags/privacy/"),
        Hashtag(label="wol", slug="wol", url="tags/wol/"),
    ]


def test_a_page_per_hashtag_grouped_case_insensitively(site: Site) -> None:
    tag_dirs = sorted(path.name for path in (site.site_dir / "tags").iterdir() if path.is_dir())
    assert tag_dirs == ["café", "privacy", "wol"]  # not the words in code
    html = site.read("tags/wol/index.html")
    items = re.findall(r'<li class="plein-tagged__page"><a href="([^"]*)">([^<]*)</a>', html)
    # By title.
    assert items == [("../../richtlijnen/privacy/", "Privacy"), ("../../teams/ict/", "Team ICT"), ("../..", "Welkom")]


def test_hashtag_page_shows_owner_and_description(site: Site) -> None:
    html = site.read("tags/wol/index.html")
    assert '<span class="plein-tagged__owner">Team Juridisch</span>' in html
    assert '<p class="plein-tagged__description">Hoe we met gegevens omgaan.</p>' in html  # front matter
    assert '<span class="plein-tagged__owner">Team ICT, Sanne de Vries</span>' in html
    assert '<p class="plein-tagged__description">Wij houden van #Wol en #café.</p>' in html  # first sentence


def test_label_is_the_most_common_spelling_and_titles_carry_it(site: Site) -> None:
    # WOL twice, wol once, Wol once.
    assert "<title>#WOL - Testintranet</title>" in site.read("tags/wol/index.html")
    assert "<title>#café - Testintranet</title>" in site.read("tags/café/index.html")


def test_index_counts_sorted_by_count_then_name(site: Site) -> None:
    html = site.read("tags/index.html")
    entries = re.findall(r'href="([^"]*)">#([^<]*)</a> <span class="plein-hashtag-index__count">(\d+)</span>', html)
    assert entries == [("wol/", "WOL", "3"), ("caf%C3%A9/", "café", "2"), ("privacy/", "privacy", "1")]


def test_generated_pages_are_marked_and_stay_out_of_the_navigation(site: Site) -> None:
    hashtags = plugin(site)
    tag_file = hashtags._tag_files["wol"]
    assert tag_file.inclusion is InclusionLevel.NOT_IN_NAV
    assert tag_file.page is not None and tag_file.page.meta["plein_hashtag_page"] == "wol"
    assert hashtags._index_file is not None and hashtags._index_file.page is not None
    assert hashtags._index_file.page.meta["plein_hashtag_index"] is True
    assert 'href="tags/' not in site.read("index.html").replace('class="hashtag" href="tags/', "")


def test_no_hashtag_pages_for_things_that_are_no_hashtags(tmp_path: Path, build_site: BuildSite) -> None:
    docs = tmp_path / "project" / "docs"
    write(docs, "index.md", "# Start\n\nGeen tags.\n")
    write(
        docs,
        "regels.md",
        "## Kop {#kopanker}\n\n"
        "Kleur #fff en #a1b2c3, issue #123, C# en F#, a#b, \\#ontsnapt, &#39; &#x27;.\n\n"
        "Zie [de regels](index.md#start), https://example.nl/pagina#deel en <https://example.nl/#auto>.\n\n"
        "[link met #linktekst](index.md) en `#code`.\n\n"
        "    #codeblok\n",
    )
    site = build_site(tmp_path / "project", plugins=["plein-hashtags"], markdown_extensions=["attr_list"], strict=True)

    assert HASHTAG_LINK_RE.findall(site.read("regels/index.html")) == []
    assert not [path for path in (site.site_dir / "tags").iterdir() if path.is_dir()]
    assert '<h2 id="kopanker">Kop</h2>' in site.read("regels/index.html")


def test_switched_off_it_leaves_hashtags_as_text(tmp_path: Path, build_site: BuildSite) -> None:
    docs = tmp_path / "project" / "docs"
    write(docs, "index.md", "# Start\n\nHallo #WOL.\n")

    site = build_site(tmp_path / "project", plugins=[{"plein-hashtags": {"enabled": False}}], strict=True)

    assert "<p>Hallo #WOL.</p>" in site.read("index.html")
    assert not (site.site_dir / "tags").exists()
