"""Hashtag look-ups, kind and hashtag filters, paging."""

from __future__ import annotations

from dataclasses import replace

import pytest

from comments_service.search import SearchBackend, WhooshBackend, postgres_backend, sqlite_backend, whoosh_query
from search_factories import comment, ids, page


@pytest.fixture
def tagged(backend: SearchBackend) -> SearchBackend:
    backend.rebuild([
        page("intranet", "Het intranet werkt #intranetwerkt voor iedereen.", hashtags=("intranetwerkt",), day=1),
        comment(1, "Eens, het #IntranetWerkt echt.", hashtags=("IntranetWerkt",), day=5),
        comment(2, "Nog een reactie over het intranet, zonder tag.", day=9),
        comment(3, "Gedoe met de koffie #gedoe en #intranetwerkt", hashtags=("gedoe", "intranetwerkt"), day=3),
        page("koffie", "Koffie en intranet #gedoe", hashtags=("gedoe",), day=7),
    ])
    return backend


def test_hashtag_lists_pages_and_comments_newest_first(tagged: SearchBackend) -> None:
    results = tagged.hashtag("intranetwerkt")

    assert ids(results) == ["comment:1", "comment:3", "page:intranet"]
    assert results.total == 3
    assert results.query == "#intranetwerkt"


def test_hashtag_snippet_marks_the_tag_as_written(tagged: SearchBackend) -> None:
    [newest, *_] = tagged.hashtag("IntranetWerkt").hits

    assert newest.snippet == "Eens, het <mark>#IntranetWerkt</mark> echt."


def test_hashtag_pages(tagged: SearchBackend) -> None:
    assert ids(tagged.hashtag("intranetwerkt", limit=2, offset=1)) == ["comment:3", "page:intranet"]
    assert tagged.hashtag("intranetwerkt", limit=2, offset=2).total == 3


def test_unknown_hashtag_is_empty(tagged: SearchBackend) -> None:
    assert tagged.hashtag("bestaatniet").total == 0


def test_kind_filter(tagged: SearchBackend) -> None:
    assert sorted(ids(tagged.search("intranet", kind="page"))) == ["page:intranet", "page:koffie"]
    assert sorted(ids(tagged.search("intranet", kind="comment"))) == ["comment:2"]


def test_hashtag_filter_combines_with_kind(tagged: SearchBackend) -> None:
    assert sorted(ids(tagged.search("koffie", hashtag="#gedoe".lstrip("#")))) == ["comment:3", "page:koffie"]
    assert ids(tagged.search("koffie", hashtag="Gedoe", kind="comment")) == ["comment:3"]


def test_unknown_kind_is_refused(tagged: SearchBackend) -> None:
    with pytest.raises(ValueError, match="kind"):
        tagged.search("intranet", kind="user")


def test_search_paging_keeps_the_total(tagged: SearchBackend) -> None:
    first = tagged.search("intranet", limit=2)
    second = tagged.search("intranet", limit=2, offset=2)

    assert first.total == second.total == 3
    assert len(first.hits) == 2 and len(second.hits) == 1
    assert not set(ids(first)) & set(ids(second))


def test_whoosh_counts_exactly_what_one_pass_ranks(whoosh: WhooshBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whoosh's contract: totals stop at COUNT_LIMIT only beyond ONE_PASS_LIMIT likely matches; PostgreSQL's
    always stop there (the next test)."""
    monkeypatch.setattr(whoosh_query, "COUNT_LIMIT", 3)
    whoosh.rebuild([comment(n, "reactie over koffie") for n in range(5)])

    assert whoosh.search("koffie", limit=2).total == 5


def test_total_of_a_very_common_word_stops_at_the_count_limit(
    backend: SearchBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(whoosh_query, "COUNT_LIMIT", 3)
    monkeypatch.setattr(whoosh_query, "ONE_PASS_LIMIT", 4)
    monkeypatch.setattr(postgres_backend, "COUNT_LIMIT", 3)
    monkeypatch.setattr(sqlite_backend, "COUNT_LIMIT", 3)
    backend.rebuild([comment(n, "reactie over koffie") for n in range(5)])

    results = backend.search("koffie", limit=2)

    assert results.total == 3
    assert len(results.hits) == 2


def test_hashtag_order_spans_segments_and_skips_removed(tagged: SearchBackend) -> None:
    tagged.index([comment(10, "Nieuwste #intranetwerkt", hashtags=("intranetwerkt",), day=20),
                  comment(11, "Oudste #intranetwerkt", hashtags=("intranetwerkt",), day=-5)])
    tagged.drain()
    tagged.remove(["comment:3"])
    tagged.drain()

    results = tagged.hashtag("intranetwerkt")

    assert ids(results) == ["comment:10", "comment:1", "page:intranet", "comment:11"]
    assert results.total == 4



def test_a_document_indexed_again_is_listed_under_its_new_tags_only(tagged: SearchBackend) -> None:
    tagged.index([comment(3, "Nu over #wol, #WOL en #gedoe", hashtags=("wol", "WOL", "gedoe"), day=3)])
    tagged.drain()

    assert ids(tagged.hashtag("intranetwerkt")) == ["comment:1", "page:intranet"]
    assert tagged.hashtag("intranetwerkt").total == 2
    assert ids(tagged.hashtag("wol")) == ["comment:3"] and tagged.hashtag("wol").total == 1
    assert ids(tagged.hashtag("gedoe")) == ["page:koffie", "comment:3"]

def test_undated_documents_come_last_in_a_hashtag_list(backend: SearchBackend) -> None:
    undated = replace(page("oud", "Zonder datum #wol", hashtags=("wol",)), created=None)
    backend.rebuild([undated, comment(1, "Met datum #wol", hashtags=("wol",))])

    results = backend.hashtag("wol")

    assert ids(results) == ["comment:1", "page:oud"]
    assert results.hits[1].created is None


@pytest.mark.parametrize("one_pass_limit", [20_000, 0], ids=["one pass", "optimised"])
def test_kind_and_tag_filters_hold_on_both_search_paths(
    tagged: SearchBackend, monkeypatch: pytest.MonkeyPatch, one_pass_limit: int
) -> None:
    """Whoosh visits every match of a search with few likely matches and skips by quality through others: the
    same answers either way (PostgreSQL has one path, and must give them too)."""
    monkeypatch.setattr(whoosh_query, "ONE_PASS_LIMIT", one_pass_limit)

    comments = tagged.search("intranet", kind="comment")
    pages = tagged.search("intranet", kind="page")
    tagged_comments = tagged.search("koffie", kind="comment", hashtag="gedoe")
    tagged_pages = tagged.search("koffie", kind="page", hashtag="gedoe")

    assert ids(comments) == ["comment:2"] and comments.total == 1
    assert sorted(ids(pages)) == ["page:intranet", "page:koffie"] and pages.total == 2
    assert ids(tagged_comments) == ["comment:3"] and tagged_comments.total == 1
    assert ids(tagged_pages) == ["page:koffie"] and tagged_pages.total == 1
    assert tagged.search("intranet").total == 3
