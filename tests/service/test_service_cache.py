"""The per-worker cache of thread answers keeps to its byte budget."""

from __future__ import annotations

from comments_service.cache import BodyCache


def test_least_recently_used_bodies_leave_first() -> None:
    cache = BodyCache(budget=10)
    cache.put("a", b"aaaa")
    cache.put("b", b"bbbb")
    assert cache.get("a") == b"aaaa"  # now b is the least recently used
    cache.put("c", b"cccc")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (b"aaaa", None, b"cccc")


def test_a_body_larger_than_the_budget_is_not_kept() -> None:
    cache = BodyCache(budget=3)
    cache.put("a", b"aaaa")
    assert cache.get("a") is None


def test_replacing_a_body_counts_its_new_size() -> None:
    cache = BodyCache(budget=8)
    cache.put("a", b"aaaa")
    cache.put("a", b"aaaaaaaa")
    cache.put("b", b"b")
    assert (cache.get("a"), cache.get("b")) == (None, b"b")
