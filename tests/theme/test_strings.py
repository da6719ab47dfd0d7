"""The interface speaks the language set in `theme.language`: Dutch or English."""

from __future__ import annotations

import pytest


def interface_texts(root) -> dict[str, str]:
    """The interface strings as a reader meets them on a content page."""
    return {
        "skip_link": root.find(".//a[@class='skip-link']").text,
        "main_menu": root.find(".//nav[@class='top-nav']").get("aria-label"),
        "breadcrumbs": root.find(".//nav[@class='breadcrumbs']").get("aria-label"),
        "comments": root.find(".//h2[@id='plein-social-title']").text,
        "owner": root.find(".//dl[@class='page-meta']/div/dt").text,
    }


@pytest.fixture(scope="module")
def a_page_with_owner(manifest) -> str:
    return next(entry["url"] for entry in manifest["pages"] if entry["owners"] and entry["url"])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_interface_uses_the_strings_of_the_language(
    language, built_site, english_site, a_page_with_owner, theme_strings, read_page
) -> None:
    site = {"nl": built_site, "en": english_site}[language]
    root = read_page(site, a_page_with_owner)
    assert root.get("lang") == language
    texts = interface_texts(root)
    assert texts == {key: theme_strings[language][key] for key in texts}


def test_both_languages_define_the_same_strings(theme_strings) -> None:
    assert set(theme_strings) == {"nl", "en"}
    assert theme_strings["nl"].keys() == theme_strings["en"].keys()
    assert theme_strings["nl"]["skip_link"] != theme_strings["en"]["skip_link"]
    assert all(len(strings["months"]) == 12 for strings in theme_strings.values())


def test_a_page_in_another_language_marks_its_content(built_site, manifest, read_page) -> None:
    for entry in manifest["pages"]:
        article = read_page(built_site, entry["url"]).find(".//article")
        assert article.get("lang") == (entry["language"] if entry["language"] != "nl" else None), entry["url"]
    assert any(entry["language"] != "nl" for entry in manifest["pages"]), "the sample has an English page"
