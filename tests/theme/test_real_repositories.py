"""Real MkDocs repositories build unedited: hidden sections, links to the built-in theme's files, a site with no
hashtags. Each case is a small git repository built with ``--strict``."""

from __future__ import annotations

from pathlib import Path

from tests.theme.conftest import SmallSite, page_file

ARCHIVE = {
    "docs/index.md": "# Start\n\nWelkom.\n",
    "docs/actueel/index.md": "# Actueel\n",
    "docs/actueel/nu.md": "# Nu\n",
    "docs/archief/.pages": "hide: true\n",
    "docs/archief/index.md": "# Archief\n",
    "docs/archief/oud-1.md": "# Oud een\n",
    "docs/archief/oud-2.md": "# Oud twee\n",
}


def test_a_hidden_awesome_pages_section_is_never_shown_nor_named(small_site: SmallSite, read_page) -> None:
    site = small_site(ARCHIVE, plugins=["awesome-pages", "plein-git", "plein-hashtags", "plein-identity"],
                      nav=["index.md", "..."])

    root = read_page(site, "archief/oud-1/")
    crumbs = ["".join(item.itertext()) for item in root.findall(".//nav[@class='breadcrumbs']//li")]
    assert crumbs == ["Home", "Oud een"]  # as in MkDocs' own themes: the hidden section is not in the navigation
    assert root.find(".//nav[@class='section-nav']") is None
    top = ["".join(item.itertext()) for item in root.findall(".//nav[@class='top-nav']//li")]
    assert top == ["Actueel"]
    for html in site.rglob("*.html"):
        assert ">None<" not in html.read_text(encoding="utf-8") and ": None<" not in html.read_text(encoding="utf-8")
    # A visible section keeps its menu and crumbs.
    shown = read_page(site, "actueel/nu/")
    assert ["".join(li.itertext()) for li in shown.findall(".//nav[@class='breadcrumbs']//li")] == [
        "Home", "Actueel", "Nu",
    ]
    assert shown.find(".//h2[@id='section-nav-title']").text.endswith(": Actueel")


def test_content_linking_the_builtin_themes_favicon_passes_strict(small_site: SmallSite) -> None:
    """MkDocs' own docs link `img/favicon.ico`, which its built-in theme ships; so does Plein."""
    site = small_site({"docs/index.md": "# Start\n\n![Het icoon](img/favicon.ico)\n"})

    icon = (site / "img" / "favicon.ico").read_bytes()
    assert icon[:4] == b"\x00\x00\x01\x00" and b"PNG" in icon  # an ICO file holding a PNG image
    assert 'src="img/favicon.ico"' in page_file(site, "").read_text(encoding="utf-8")


def test_the_hashtags_menu_item_only_when_some_page_has_a_hashtag(small_site: SmallSite, read_page) -> None:
    def menu(site: Path) -> list[str]:
        return ["".join(li.itertext()).strip() for li in read_page(site, "").findall(".//nav[@class='top-nav']//li")]

    without = small_site({"docs/index.md": "# Start\n\nKleur #fff en issue #123.\n", "docs/team.md": "# Team\n"})
    with_tags = small_site({"docs/index.md": "# Start\n\nOver #gedoe.\n", "docs/team.md": "# Team\n"})

    assert menu(without) == ["Team"]
    assert menu(with_tags) == ["Team", "Hashtags"]


def test_a_section_of_109_pages_keeps_every_pages_menu_short(small_site: SmallSite, read_page, theme_strings) -> None:
    pages = {f"docs/gids/stap-{n:03d}.md": f"# Stap {n}\n\nTekst.\n" for n in range(1, 109)}
    site = small_site({"docs/index.md": "# Start\n", "docs/gids/index.md": "# Gids\n", **pages})

    def menu(url: str) -> list[str]:
        links = read_page(site, url).findall(".//nav[@class='section-nav']//a")
        return [link.get("href") for link in links]

    assert len(menu("gids/")) == 109  # the overview lists them all
    for at, first, last in [(1, 1, 11), (50, 45, 55), (108, 98, 108)]:
        shown = menu(f"gids/stap-{at:03d}/")
        assert shown[0] == "../" and shown[-1] == "../", at  # the section's index, then "all pages"
        assert shown[1:-1] == ["./" if n == at else f"../stap-{n:03d}/" for n in range(first, last + 1)], at
    root = read_page(site, "gids/stap-050/")
    current = root.find(".//nav[@class='section-nav']//a[@aria-current='page']")
    assert current.text == "Stap 50"
    overview = root.find(".//p[@class='section-nav__all']/a")
    assert overview.text == theme_strings["nl"]["section_all"].replace("{n}", "109")
    assert page_file(site, "gids/stap-050/").stat().st_size < 8_000
