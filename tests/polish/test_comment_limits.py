"""A comment's length limit (issue 11, part 4): the thread says it, so the widget shows it before it is reached, and
a 100 KB comment (past the request size limit) gets the same clear 413 as a 10 KB one, in the reader's language."""

from __future__ import annotations

from typing import Any

import pytest

from service_helpers import Member

DUTCH = {"Accept-Language": "nl"}
TOO_LONG_NL = "Een reactie heeft hoogstens 5000 tekens."
TOO_LONG_EN = "A comment has at most 5000 characters."


def refusal(response: Any) -> tuple[int, str, str]:
    return response.status_code, response.json["error"]["code"], response.json["error"]["message"]


def test_the_thread_names_the_length_limit(page: str, sanne: Member) -> None:
    assert sanne.get(f"/api/pages/{page}/thread").json["text_max"] == 5000


@pytest.mark.parametrize("size", [10_000, 100_000], ids=["10 KB", "100 KB"])
def test_a_comment_too_long_gets_one_message_whatever_its_size(page: str, sanne: Member, size: int) -> None:
    path = f"/api/pages/{page}/comments"
    assert refusal(sanne.post(path, {"text": "x" * size}, headers=DUTCH)) == (413, "text_too_long", TOO_LONG_NL)
    assert refusal(sanne.post(path, {"text": "x" * size})) == (413, "text_too_long", TOO_LONG_EN)
    comment = sanne.comment(page, "Kort")
    edit = sanne.patch(f"/api/comments/{comment['id']}", {"text": "y" * size}, headers=DUTCH)
    assert refusal(edit) == (413, "text_too_long", TOO_LONG_NL)
    assert sanne.get(f"/api/pages/{page}/thread").json["comment_count"] == 1


def test_other_bodies_past_the_limit_keep_the_general_413(page: str, sanne: Member) -> None:
    response = sanne.post(f"/api/pages/{page}/reactions", {"emoji": "x" * 100_000}, headers=DUTCH)
    assert refusal(response) == (413, "request_entity_too_large", "Het verzoek is te groot.")


def test_a_blank_comment_is_refused_with_a_sentence(page: str, sanne: Member) -> None:
    response = sanne.post(f"/api/pages/{page}/comments", {"text": " \n\t "}, headers=DUTCH)
    assert refusal(response) == (422, "text_empty", "Schrijf eerst iets.")
