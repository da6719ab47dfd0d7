"""Stemming by the document's language, ranking and safe snippets."""

from __future__ import annotations

from comments_service.search import SearchBackend
from search_factories import comment, ids, page


def test_dutch_singular_finds_plural(backend: SearchBackend) -> None:
    backend.rebuild([comment(1, "De vergaderingen van het team gaan online."), comment(2, "Koffie in de kantine.")])

    assert ids(backend.search("vergadering")) == ["comment:1"]


def test_english_stemming_uses_the_english_stemmer(backend: SearchBackend) -> None:
    backend.rebuild([comment(1, "Our weekly meetings are moving online.", language="en"),
                     comment(2, "Lunch is served.", language="en")])

    assert ids(backend.search("meeting")) == ["comment:1"]
    assert ids(backend.search("moved")) == ["comment:1"]


def test_documents_of_both_languages_answer_one_query(backend: SearchBackend) -> None:
    backend.rebuild([comment(1, "Alle documenten staan op de schijf."),
                     comment(2, "All documents are on the drive.", language="en-GB")])

    assert sorted(ids(backend.search("document"))) == ["comment:1", "comment:2"]
    assert ids(backend.search("documenten")) == ["comment:1"]


def test_an_asterisk_next_to_a_word_does_not_hide_it(backend: SearchBackend) -> None:
    backend.rebuild([comment(1, "Vrijdag gratis koffie* en thee (*zolang de voorraad strekt)."),
                     comment(2, "Alle medewerker*s zijn welkom.")])

    assert ids(backend.search("koffie")) == ["comment:1"]
    assert ids(backend.search("zolang")) == ["comment:1"]
    assert ids(backend.search("medewerker")) == ["comment:2"]


def test_all_words_must_match(backend: SearchBackend) -> None:
    backend.rebuild([comment(1, "Privacy bij het delen van foto's."), comment(2, "Foto's van de borrel.")])

    assert ids(backend.search("foto privacy")) == ["comment:1"]


def test_a_title_match_ranks_first(backend: SearchBackend) -> None:
    backend.rebuild([page("a", "Iets over thuiswerken en privacy.", title="Thuiswerken"),
                     page("b", "Privacy is belangrijk, ook bij privacy op afstand.", title="Privacy")])

    assert ids(backend.search("privacy")) == ["page:b", "page:a"]


def test_snippet_marks_matches_and_escapes_everything_else(backend: SearchBackend) -> None:
    backend.rebuild([comment(1, "<script>alert(1)</script> & de vergaderingen")])

    [hit] = backend.search("vergadering").hits

    assert hit.snippet == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; de <mark>vergaderingen</mark>"


def test_snippet_falls_back_to_the_opening_when_only_the_title_matched(backend: SearchBackend) -> None:
    backend.rebuild([page("a", "Welkom <b>allemaal</b>.", title="Onboarding")])

    [hit] = backend.search("onboarding").hits

    assert hit.snippet == "Welkom &lt;b&gt;allemaal&lt;/b&gt;."


def test_query_syntax_cannot_reach_other_fields_or_scan_everything(backend: SearchBackend) -> None:
    backend.rebuild([comment(1, "tekst", author="sanne")])

    assert backend.search("author:sanne").total == 0
    assert backend.search("*").total == 0
    assert backend.search("   ").total == 0


def test_quotes_and_wildcards_fall_back_to_plain_words(backend: SearchBackend) -> None:
    backend.rebuild([comment(1, "Online vergaderen werkt goed"), comment(2, "Vergaderen op kantoor")])

    assert ids(backend.search('"online vergaderen"')) == ["comment:1"]
    assert sorted(ids(backend.search("vergader*"))) == ["comment:1", "comment:2"]
    assert ids(backend.search("online NOT kantoor")) == ["comment:1"]


def test_hit_carries_what_the_api_shows(backend: SearchBackend) -> None:
    backend.rebuild([comment(7, "Mooi! #WOL", hashtags=("WOL",), page_id="training/wol", day=3)])

    [hit] = backend.search("mooi").hits

    assert hit.to_json() == {
        "kind": "comment", "doc_id": "comment:7", "page_id": "training/wol", "title": "Nieuws",
        "url": "training/wol/#comment-7", "snippet": "<mark>Mooi</mark>! #WOL", "author": "Sanne",
        "created": "2026-01-04T09:00:00+00:00", "hashtags": ["wol"],
    }


def test_block_skipping_ranking_finds_the_same_top_documents(backend: SearchBackend) -> None:
    backend.rebuild([comment(n, " ".join(["koffie"] * (n % 7 + 1) + ["vulling"] * 5)) for n in range(700)])

    top = backend.search("koffie", limit=10)

    assert top.total == 700
    assert all(int(doc_id.split(":")[1]) % 7 == 6 for doc_id in ids(top))  # the ten with koffie seven times
