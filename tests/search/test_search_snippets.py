"""Snippets: the right words marked, the rest escaped, long texts cut into passages."""

from __future__ import annotations

from comments_service.search.schema import stem_en, stem_nl
from comments_service.search.snippets import SNIPPET_CHARS, hashtag_snippet, opening, query_snippet


def test_marks_every_inflection_of_the_stem_and_nothing_else() -> None:
    snippet = query_snippet("Vergaderen? Vergaderingen & vergaderzaal <b>", {stem_nl("vergadering")}, stem_nl)

    assert snippet == "<mark>Vergaderen</mark>? <mark>Vergaderingen</mark> &amp; vergaderzaal &lt;b&gt;"


def test_stems_that_are_no_prefix_of_the_word_still_match() -> None:
    assert query_snippet("A happy team.", {stem_en("happiness")}, stem_en) == "A <mark>happy</mark> team."


def test_long_text_gives_two_passages_with_ellipses() -> None:
    text = " ".join(["vulling"] * 100 + ["koffie"] + ["vulling"] * 100 + ["koffie"] + ["vulling"] * 100)

    snippet = query_snippet(text, {stem_nl("koffie")}, stem_nl)

    between = snippet.split("<mark>koffie</mark>")[1]
    assert snippet.startswith("…vulling") and snippet.endswith("vulling…")
    assert snippet.count("<mark>koffie</mark>") == 2
    assert len(snippet) < 3 * SNIPPET_CHARS
    assert "…" in between  # the two passages are apart


def test_no_match_gives_the_escaped_opening() -> None:
    text = "<i>" + "woord " * 100

    assert query_snippet(text, {"koffie"}, stem_nl) == opening(text)
    assert opening(text).startswith("&lt;i&gt;woord") and opening(text).endswith("…")


def test_an_ellipsis_after_a_sentence_keeps_a_space() -> None:
    text = "Een zin over #wol. " + "Nog een zin die doorgaat. " * 20
    snippet = hashtag_snippet(text, "wol")
    assert snippet.endswith("doorgaat. …") and ".…" not in snippet
    assert opening("Klaar. " + "woord " * 60).startswith("Klaar. woord") and ".…" not in opening("Een. " * 60)
    assert opening("Een. " * 60).endswith("Een. …")


def test_hashtag_snippet_needs_the_whole_tag() -> None:
    assert hashtag_snippet("#wolf en #WOL.", "wol") == "#wolf en <mark>#WOL</mark>."
    assert hashtag_snippet("geen tag", "wol") == "geen tag"


def test_passages_close_together_never_repeat_text() -> None:
    # the second match lies just past the first passage, so its context reaches back into it
    text = "koffie " + " ".join(f"w{n:03}" for n in range(42)) + " koffie " + " ".join(f"y{n:03}" for n in range(80))

    snippet = query_snippet(text, {stem_nl("koffie")}, stem_nl)

    words = snippet.replace("<mark>", "").replace("</mark>", "").replace("…", " ").split()
    assert words.count("koffie") == 2 and len(words) == len(set(words)) + 1, "every other word once"
    assert "…" not in snippet.split("</mark>")[1].split("<mark>")[0], "adjacent passages join without a gap mark"
