"""Search results and comment-only hashtags as HTML pages: searching and following tags without JavaScript."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from comments_service.pages import frame
from pages_helpers import find_all, parse, text
from service_helpers import PAGE, Member, eventually, manifest, manifest_page

FRAME = """<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title><!--plein:title--> · Intranet</title></head>
<body><header><form id="site-search" action="/search/"><input id="site-search-q" name="q" value="<!--plein:query-->"></form>
</header><main id="main"><!--plein:content--></main></body>
</html>
"""


@pytest.fixture
def dutch_frame(settings: dict[str, Any]) -> None:
    path = Path(settings["PLEIN_SITE_DIR"]) / frame.FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FRAME, encoding="utf-8")


@pytest.fixture
def pages(sync: Any) -> None:
    sync(manifest(
        manifest_page(PAGE, title="Privacy en persoonsgegevens", text="Over vergaderingen en #privacy",
                      hashtags=["privacy"]),
        manifest_page("nieuws", title="Nieuws", text="Het laatste nieuws van het waterschap"),
    ))


def results(client: FlaskClient, path: str) -> list[str]:
    return [link.get("href", "") for item in find_all(parse(client.get(path)), "li", class_="plein-result")
            for link in item[:1]]


def test_the_search_page_answers_in_html_with_the_query_in_the_header_box(
        dutch_frame: None, pages: None, sanne: Member, client: FlaskClient) -> None:
    comment = sanne.comment("nieuws", "Vergaderen doen we <b>online</b>")
    assert eventually(lambda: len(results(client, "/search/?q=vergadering")) == 2)
    response = client.get("/search/?q=vergadering")
    root = parse(response)
    assert response.status_code == 200
    assert find_all(root, "input", id="site-search-q")[0].get("value") == "vergadering"
    assert len(find_all(root, "input", type="search") + find_all(root, "input", name="q")) == 1, "one search box"
    assert set(results(client, "/search/?q=vergadering")) == {f"/{PAGE}/", f"/nieuws/#comment-{comment['id']}"}
    assert "2 resultaten voor “vergadering”" in text(root)
    assert "&lt;b&gt;" in response.get_data(as_text=True) and "<mark>" in response.get_data(as_text=True)
    filtered = parse(client.get("/search/?q=vergadering&kind=comment"))
    assert [item.get("value") for item in find_all(filtered, "input", name="kind") if item.get("checked") is not None] \
        == ["comment"]
    assert all(field.get("form") == "site-search" for field in find_all(filtered, "input", name="kind"))
    assert results(client, "/search/?q=vergadering&kind=comment") == [f"/nieuws/#comment-{comment['id']}"]
    assert "Niets gevonden voor “zeppelin”" in text(parse(client.get("/search/?q=zeppelin")))


def test_without_a_query_the_search_page_is_the_form(pages: None, client: FlaskClient) -> None:
    response = client.get("/search/")
    assert response.status_code == 200 and not find_all(parse(response), "li", class_="plein-result")


@pytest.mark.parametrize("query", ["q=" + "x" * 201, "q=a&kind=people", "q=a&page=0", "q=a&page=twee", "q=a%00"])
def test_bad_searches_are_a_clear_400_page_in_the_site_s_language(
        dutch_frame: None, pages: None, client: FlaskClient, query: str) -> None:
    response = client.get(f"/search/?{query}")
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "Dat lukte niet" in text(parse(response))


def test_many_results_are_paged_with_the_filters_kept(sync: Any, client: FlaskClient) -> None:
    sync(manifest(*[manifest_page(f"p{n}", text="koffie voor iedereen") for n in range(23)]))
    assert eventually(lambda: len(results(client, "/search/?q=koffie&kind=page")) == 20)
    root = parse(client.get("/search/?q=koffie&kind=page"))
    assert find_all(root, "a", rel="next")[0].get("href") == "/search/?q=koffie&kind=page&page=2"
    second = parse(client.get("/search/?q=koffie&kind=page&page=2"))
    assert len(find_all(second, "li", class_="plein-result")) == 3
    assert find_all(second, "a", rel="prev")[0].get("href") == "/search/?q=koffie&kind=page"
    assert client.get("/search/?q=koffie&page=3").status_code == 404


def test_a_hashtag_only_comments_use_has_a_page(dutch_frame: None, pages: None, sanne: Member,
                                                client: FlaskClient) -> None:
    comment = sanne.comment("nieuws", "Alleen hier: #Zonderpagina")
    assert eventually(lambda: client.get("/tags/zonderpagina/").status_code == 200)
    root = parse(client.get("/tags/Zonderpagina/"))
    assert text(find_all(root, "h1")[0]) == "#Zonderpagina"
    assert results(client, "/tags/zonderpagina/") == [f"/nieuws/#comment-{comment['id']}"]
    assert "1 pagina of reactie, nieuwste eerst" in text(root)
    assert find_all(root, "a", href="/api/feeds/hashtags/zonderpagina.atom")


def test_an_unknown_hashtag_says_it_is_unknown(dutch_frame: None, pages: None, client: FlaskClient) -> None:
    response = client.get("/tags/nooitgebruikt/")
    assert response.status_code == 404
    assert "De hashtag #nooitgebruikt is nog nergens gebruikt" in text(parse(response))
    assert client.get("/tags/privacy/?page=nul").status_code == 400
