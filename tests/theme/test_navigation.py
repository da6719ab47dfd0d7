"""Navigation shows the top level, the breadcrumbs and the current section only, never the whole tree."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element

ORIGIN = "http://intranet.test/"


def targets(root: Element, page_url: str, path: str) -> list[str]:
    """The site-relative URLs that the links under `path` point to, in document order."""
    return [urlsplit(urljoin(ORIGIN + page_url, a.get("href"))).path[1:] for a in root.findall(path)]


def test_a_page_links_the_top_sections_and_its_own_section_only(synthetic_site, read_page) -> None:
    url = "sectie-05/pagina-050/"
    root = read_page(synthetic_site.path, url)

    top = targets(root, url, ".//nav[@class='top-nav']//a")
    last = synthetic_site.sections - 1
    assert top == [f"sectie-{n:02d}/" for n in range(last)] + [f"sectie-{last:02d}/pagina-001/"]

    # A long section: its first item, the pages around this one and the overview, never all 100 pages.
    section = targets(root, url, ".//nav[@class='section-nav']//a")
    assert section == ["sectie-05/"] + [f"sectie-05/pagina-{n:03d}/" for n in range(45, 56)] + ["sectie-05/"]
    current = root.findall(".//nav[@class='section-nav']//a[@aria-current='page']")
    assert [a.text for a in current] == ["Pagina 5.50"]


def test_no_page_carries_the_site_tree(synthetic_site, read_page) -> None:
    shape = synthetic_site
    bound = shape.sections + shape.pages_per_section + 2 + 2 + 2 + 1 + 1 + 1  # breadcrumbs, pager, title and skip link,
    # bell, the announcement banner's link (a <template>, like the bell's) and the conversation's no-JavaScript link
    for url in ("", "sectie-00/", "sectie-07/pagina-001/", "sectie-19/pagina-099/", f"{shape.nested}/diep-1/"):
        links = read_page(shape.path, url).findall(".//a")
        assert len(links) <= bound, url


def test_pages_stay_small_on_a_2000_page_site(synthetic_site) -> None:
    pages = list(synthetic_site.path.rglob("*.html"))
    assert len(pages) >= 2000
    assert max(page.stat().st_size for page in pages) < 30_000


def test_breadcrumbs_lead_from_home_through_the_sections(synthetic_site, read_page) -> None:
    url = f"{synthetic_site.nested}/diep-1/"
    root = read_page(synthetic_site.path, url)
    assert targets(root, url, ".//nav[@class='breadcrumbs']//a") == ["", "sectie-00/", "sectie-00/verdieping/"]
    assert root.find(".//nav[@class='breadcrumbs']//*[@aria-current='page']").text == "Diep 1"
    assert targets(root, url, ".//nav[@class='section-nav']//a") == [
        "sectie-00/verdieping/",
        "sectie-00/verdieping/diep-1/",
        "sectie-00/verdieping/diep-2/",
    ]


def test_an_index_page_is_not_its_own_breadcrumb(synthetic_site, read_page) -> None:
    url = f"{synthetic_site.nested}/"
    root = read_page(synthetic_site.path, url)
    assert targets(root, url, ".//nav[@class='breadcrumbs']//a") == ["", "sectie-00/"]
    assert root.find(".//nav[@class='breadcrumbs']//*[@aria-current='page']").text == "Verdieping"


def test_a_subsection_appears_in_its_parent_section_as_one_link(synthetic_site, read_page) -> None:
    url = "sectie-00/"  # the overview of the long section lists all its items
    section = targets(read_page(synthetic_site.path, url), url, ".//nav[@class='section-nav']//a")
    assert "sectie-00/verdieping/" in section
    assert not any(target.startswith("sectie-00/verdieping/diep") for target in section)


def test_the_home_page_has_no_breadcrumbs_and_no_section_list(synthetic_site, read_page) -> None:
    root = read_page(synthetic_site.path, "")
    assert root.find(".//nav[@class='breadcrumbs']") is None
    assert root.find(".//nav[@class='section-nav']") is None
    assert len(root.findall(".//nav[@class='top-nav']//a")) == synthetic_site.sections


def test_previous_and_next_follow_the_reading_order(synthetic_site, read_page) -> None:
    url = "sectie-05/pagina-050/"
    root = read_page(synthetic_site.path, url)
    assert targets(root, url, ".//nav[@class='pager']/a") == ["sectie-05/pagina-049/", "sectie-05/pagina-051/"]
    assert [a.get("rel") for a in root.findall(".//nav[@class='pager']/a")] == ["prev", "next"]


def test_a_section_without_index_page_links_to_its_first_page(synthetic_site, read_page) -> None:
    url = f"sectie-{synthetic_site.sections - 1:02d}/pagina-002/"
    root = read_page(synthetic_site.path, url)
    crumbs = targets(root, url, ".//nav[@class='breadcrumbs']//a")
    assert crumbs == ["", f"sectie-{synthetic_site.sections - 1:02d}/pagina-001/"]
    assert root.find(".//nav[@class='section-nav']//li/a").text == f"Pagina {synthetic_site.sections - 1}.1"
