"""The hashtag grammar: one case per rule, what is and what is never a hashtag."""

from __future__ import annotations

import markdown
import pytest

from hashtag_grammar import HashtagExtension, find_hashtags, slugify, tag_url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Lees #privacybeleid vandaag", ["privacybeleid"], id="plain-word"),
        pytest.param("Koffie in #café De Hoek", ["café"], id="unicode-letters"),
        pytest.param("Welkom #team2026!", ["team2026"], id="digits-after-letters"),
        pytest.param("#WOL werkt", ["WOL"], id="start-of-paragraph"),
        pytest.param("*#nadruk* en **#sterk**", ["nadruk", "sterk"], id="inside-emphasis"),
        pytest.param("(#haakjes)", ["haakjes"], id="after-parenthesis"),
        pytest.param("#een, #Twee en #een", ["een", "Twee", "een"], id="order-and-repeats-as-written"),
        pytest.param("Lees #a-b nu", ["a-b"], id="hyphen-joins-parts"),
        pytest.param("Zie '#some-heading' hierboven", ["some-heading"], id="hyphen-in-quotes-whole-word"),
        pytest.param("Over #e-mail en #covid-19", ["e-mail", "covid-19"], id="hyphen-before-letters-or-digits"),
        pytest.param("Veel #gedoe- en -ellende", ["gedoe"], id="trailing-hyphen-not-part"),
        pytest.param("Het #gedoe--nee", ["gedoe"], id="double-hyphen-is-a-dash"),
        pytest.param("Het #gedoe-_x", ["gedoe-_x"], id="hyphen-then-underscore-joins"),
        pytest.param("Lees #a-b-c.", ["a-b-c"], id="several-hyphens"),
        pytest.param("Issue #123-abc", [], id="never-number-with-hyphen"),
        pytest.param("Gebruik `#code` hier", [], id="never-code-span"),
        pytest.param("Tekst\n\n    #codeblok\n", [], id="never-indented-code-block"),
        pytest.param("Zie https://example.nl/pagina#sectie en https://example.nl/#top", [], id="never-bare-url"),
        pytest.param("Ga naar www.example.nl/#start", [], id="never-bare-www-url"),
        pytest.param("Zie <https://example.nl/#anker>", [], id="never-autolink"),
        pytest.param("Zie [de regels](regels.md#sectie)", [], id="never-link-target"),
        pytest.param("# Titel\n\nTekst", [], id="never-heading-marker"),
        pytest.param("## Titel {#anker}", [], id="never-attr-list-id-in-heading"),
        pytest.param("Alinea\n{: #anker .klasse }", [], id="never-attr-list-block"),
        pytest.param("Het&#39;s en het&#x27;s en &#xabc;", [], id="never-html-entity"),
        pytest.param("Kleur #fff #ffff #a1b2c3 #deadbeef", [], id="never-colour-code"),
        pytest.param("Issue #123", [], id="never-number"),
        pytest.param("Programmeren in C# en F#", [], id="never-csharp-fsharp"),
        pytest.param("Geen a#b of C#sharp", [], id="never-inside-word"),
        pytest.param(r"Ontsnapt \#woord", [], id="never-escaped"),
        pytest.param("Zie [de #regels](regels.md)", [], id="never-inside-markdown-link"),
        pytest.param("Zie <a href='regels.html'>#regels</a>", [], id="never-inside-raw-html-link"),
        pytest.param('<span title="#attribuut">x</span>', [], id="never-in-html-attribute"),
    ],
)
def test_find_hashtags(text: str, expected: list[str]) -> None:
    assert find_hashtags(text) == expected


def test_colour_rule_only_takes_hex_lengths_3_4_6_8() -> None:
    assert find_hashtags("#abcde #decade1 #face") == ["abcde", "decade1"]


def test_slugify_casefolds_and_keeps_unicode() -> None:
    assert slugify("WOL") == slugify("wol") == "wol"
    assert slugify("Café") == "café"
    assert slugify("Cafe\u0301") == "café"  # decomposed é is the same tag


def test_tag_url() -> None:
    assert tag_url("Privacy") == "/tags/privacy/"
    assert tag_url("WOL", site_root="https://intranet.example/") == "https://intranet.example/tags/wol/"


def test_extension_renders_links_and_records_hashtags() -> None:
    md = markdown.Markdown(extensions=[HashtagExtension(lambda tag: f"/t/{slugify(tag)}/"), "attr_list"])
    html = md.convert("## Kop {#kop}\n\nHoi #WOL en [link #niet](x.md)")
    assert '<a class="hashtag" href="/t/wol/">#WOL</a>' in html
    assert '<a href="x.md">link #niet</a>' in html
    assert '<h2 id="kop">Kop</h2>' in html
    assert md.hashtags == ["WOL"]  # type: ignore[attr-defined]


def test_an_open_brace_on_an_earlier_line_does_not_hide_hashtags() -> None:
    assert find_hashtags("Een { zonder sluiting\nen dan #tag") == ["tag"]
