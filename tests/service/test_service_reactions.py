"""Reactions: configured emoji, one of each per person and target, toggled, counted, attributed."""

from __future__ import annotations

from typing import Any

import pytest

from service_helpers import Member


def test_a_reaction_on_the_page_toggles(page: str, sanne: Member, joost: Member) -> None:
    path = f"/api/pages/{page}/reactions"
    assert sanne.post(path, {"emoji": "🎉"}).json == {"counts": {"🎉": 1}, "mine": ["🎉"]}
    assert joost.post(path, {"emoji": "🎉"}).json == {"counts": {"🎉": 2}, "mine": ["🎉"]}
    assert sanne.post(path, {"emoji": "👍"}).json == {"counts": {"👍": 1, "🎉": 2}, "mine": ["👍", "🎉"]}
    assert sanne.post(path, {"emoji": "🎉"}).json == {"counts": {"👍": 1, "🎉": 1}, "mine": ["👍"]}


def test_who_reacted_on_request(page: str, sanne: Member, joost: Member, client: Any) -> None:
    comment = sanne.comment(page, "Mooi")
    path = f"/api/comments/{comment['id']}/reactions"
    joost.post(path, {"emoji": "❤️"})
    sanne.post(path, {"emoji": "❤️"})
    body = client.get(path).json
    assert body["counts"] == {"❤️": 2} and body["mine"] == []
    people = [{"id": "joost", "name": "Joost Bakker"}, {"id": "sanne", "name": "Sanne de Vries"}]
    assert body["people"] == {"❤️": people}
    assert joost.get(path).json["mine"] == ["❤️"]
    page_reactions = client.get(f"/api/pages/{page}/reactions").json
    assert page_reactions == {"counts": {}, "mine": [], "people": {}}, "comment reactions are not page reactions"


def test_reactions_on_comments_are_per_comment(page: str, sanne: Member, joost: Member) -> None:
    first = sanne.comment(page, "Een")
    second = sanne.comment(page, "Twee")
    joost.post(f"/api/comments/{first['id']}/reactions", {"emoji": "💡"})
    comments = joost.get(f"/api/pages/{page}/thread").json["comments"]
    assert [c["reactions"] for c in comments] == [{"counts": {"💡": 1}, "mine": ["💡"]}, {"counts": {}, "mine": []}]
    assert second["id"] == comments[1]["id"]


@pytest.mark.plein_settings(PLEIN_EMOJI="🌊 🚲")
def test_the_emoji_set_is_configurable(page: str, sanne: Member) -> None:
    assert sanne.get(f"/api/pages/{page}/thread").json["emoji"] == ["🌊", "🚲"]
    assert sanne.post(f"/api/pages/{page}/reactions", {"emoji": "🚲"}).status_code == 200
    response = sanne.post(f"/api/pages/{page}/reactions", {"emoji": "👍"})
    assert (response.status_code, response.json["error"]["code"]) == (422, "unknown_emoji")


def test_hidden_and_removed_comments_take_no_reactions(
    page: str, sanne: Member, joost: Member, moderator: Member
) -> None:
    hidden = sanne.comment(page, "Verborgen")
    removed = sanne.comment(page, "Weg")
    moderator.post(f"/api/comments/{hidden['id']}/hide")
    sanne.delete(f"/api/comments/{removed['id']}")
    for comment in (hidden, removed):
        assert joost.post(f"/api/comments/{comment['id']}/reactions", {"emoji": "👍"}).status_code == 404


def test_who_reacted_lists_a_low_profile_person_as_a_colleague_except_to_themselves(
    page: str, sanne: Member, joost: Member
) -> None:
    sanne.post(f"/api/pages/{page}/reactions", {"emoji": "👍"})
    joost.post(f"/api/pages/{page}/reactions", {"emoji": "👍"})
    assert joost.patch("/api/me/profile", {"low_profile": True}).status_code == 200
    seen = sanne.get(f"/api/pages/{page}/reactions", headers={"Accept-Language": "nl"}).json
    assert seen["people"]["👍"] == [{"id": "sanne", "name": "Sanne de Vries"}, {"id": None, "name": "een collega"}]
    assert seen["counts"] == {"👍": 2}
    own = joost.get(f"/api/pages/{page}/reactions").json["people"]["👍"]
    assert own[1] == {"id": "joost", "name": "Joost Bakker"}
