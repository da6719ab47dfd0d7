"""The widget's words live in the theme (mkdocs_theme.yml `widget`) and reach each page in its language only,
as JSON in `#plein-strings`: the widget's scripts (widget.js and the modules it imports) carry none, so their size
budget goes to behaviour."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

WIDGET_JS = sorted((Path(__file__).resolve().parents[2] / "theme" / "assets" / "plein").glob("widget*.js"))


def widget_source() -> str:
    """Every widget script (widget.js and the modules it imports), one after the other."""
    return "\n".join(path.read_text(encoding="utf-8") for path in WIDGET_JS)


def widget_strings(root) -> dict:
    return json.loads(root.find(".//script[@id='plein-strings']").text)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_carries_the_widget_strings_of_its_language_only(
    language, built_site, english_site, theme_strings, read_page
) -> None:
    site = {"nl": built_site, "en": english_site}[language]
    for url in ("", "tags/gedoe/"):
        script = read_page(site, url).find(".//script[@id='plein-strings']")
        assert script.get("type") == "application/json", url
        assert json.loads(script.text) == theme_strings[language]["widget"], url


def test_the_service_frame_carries_the_strings_for_the_bell(built_site, theme_strings, parse) -> None:
    assert widget_strings(parse(built_site / "plein-frame.html")) == theme_strings["nl"]["widget"]


def test_every_word_widget_js_uses_is_defined_in_both_languages(theme_strings) -> None:
    source = widget_source()
    used = set(re.findall(r"\bt\.(\w+)", source))
    assert {"post", "offline", "bell"} <= used  # the scan finds the words
    for language in ("nl", "en"):
        assert used <= theme_strings[language]["widget"].keys(), language
    assert theme_strings["nl"]["widget"].keys() == theme_strings["en"]["widget"].keys()


def test_widget_js_holds_no_interface_words(theme_strings) -> None:
    code = re.sub(r"/\*.*?\*/", "", widget_source(), flags=re.DOTALL)
    source = re.sub(r"(?<![:\"'])//[^\n]*", "", code)  # comments may quote the words
    for language in ("nl", "en"):
        for key, text in theme_strings[language]["widget"].items():
            if len(text) > 3:  # "on", "op" and the like start code strings too
                assert not re.search("[\"'`]" + re.escape(text), source), (language, key)
