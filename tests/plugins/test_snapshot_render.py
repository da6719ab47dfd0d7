"""plein-snapshot renders what the service's snapshot holds: a long conversation's newest comments, and says how
many earlier ones the live conversation has (the snapshot holds the thread's first answer, issue 15)."""

from __future__ import annotations

from plugins.snapshot.render import render_snapshot


def conversation(older: int) -> dict[str, object]:
    comment = {"id": 7, "state": "visible", "author": {"name": "Sanne"}, "created": "2027-01-04T09:00:00+00:00",
               "edited": None, "html": "<p>Nieuwste</p>", "reactions": {"counts": {}}, "replies": []}
    return {"comments": [comment], "comment_count": 1 + older, "older": older, "reactions": {"counts": {}},
            "generated": "2027-01-04T10:00:00+00:00"}


def test_a_long_conversation_says_how_many_earlier_comments_the_live_one_has() -> None:
    html = render_snapshot(conversation(older=42), "nl")
    assert "<p>Nieuwste</p>" in html and "Nog 42 eerdere reacties staan in het actuele gesprek." in html
    assert "42 earlier comments are in the live conversation." in render_snapshot(conversation(older=42), "en")


def test_a_short_conversation_says_nothing_of_earlier_comments() -> None:
    assert "eerdere" not in render_snapshot(conversation(older=0), "nl")
