"""Writes that are safe to retry: the same Idempotency-Key twice does the write once, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from comments_service.clock import ControlledClock
from service_helpers import Member

KEY = {"Idempotency-Key": "4f1c2a8e-reactie-1"}


def comment_count(member: Member, page: str) -> int:
    return member.get(f"/api/pages/{page}/thread").json["comment_count"]


def test_a_comment_sent_again_with_its_key_is_made_once_and_answered_the_same(page: str, sanne: Member) -> None:
    first = sanne.post(f"/api/pages/{page}/comments", {"text": "Eén keer"}, headers=KEY)
    again = sanne.post(f"/api/pages/{page}/comments", {"text": "Eén keer"}, headers=KEY)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json["id"] == first.json["id"] and again.json["html"] == first.json["html"]
    assert comment_count(sanne, page) == 1

    other = sanne.post(f"/api/pages/{page}/comments", {"text": "Nog een"}, headers={"Idempotency-Key": "ander"})
    assert other.json["id"] != first.json["id"] and comment_count(sanne, page) == 2


def test_a_key_is_the_persons_own_and_holds_a_day(page: str, sanne: Member, joost: Member,
                                                   clock: ControlledClock) -> None:
    mine = sanne.post(f"/api/pages/{page}/comments", {"text": "Van Sanne"}, headers=KEY)
    his = joost.post(f"/api/pages/{page}/comments", {"text": "Van Joost"}, headers=KEY)
    assert his.json["id"] != mine.json["id"]  # another person's key names another write
    clock.advance(dt.timedelta(hours=25))
    later = sanne.post(f"/api/pages/{page}/comments", {"text": "Van Sanne"}, headers=KEY)
    assert later.status_code == 201 and later.json["id"] not in (mine.json["id"], his.json["id"])
    assert comment_count(sanne, page) == 3


def test_a_double_clicked_reaction_gives_the_same_answer_twice(page: str, sanne: Member, person: Any) -> None:
    comment = sanne.comment(page, "Klik")
    lotte = person("lotte")
    path = f"/api/comments/{comment['id']}/reactions"
    first = lotte.post(path, {"emoji": "👍"}, headers=KEY)
    second = lotte.post(path, {"emoji": "👍"}, headers=KEY)
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json == second.json and first.json["counts"] == {"👍": 1} and first.json["mine"] == ["👍"]
    undone = lotte.post(path, {"emoji": "👍"}, headers={"Idempotency-Key": "tweede-klik"})
    assert undone.json["counts"] == {}  # a new key is a new toggle


def test_a_malformed_key_is_refused(page: str, sanne: Member) -> None:
    for key in ("a" * 65, "met spatie", "é"):
        answer = sanne.post(f"/api/pages/{page}/comments", {"text": "x"},
                            headers={"Idempotency-Key": key.encode().decode("latin-1")})
        assert (answer.status_code, answer.json["error"]["code"]) == (400, "bad_idempotency_key"), key
    assert comment_count(sanne, page) == 0
