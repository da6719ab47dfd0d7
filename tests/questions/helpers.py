"""What the questions tests share: the pages they ask on and asking itself."""

from __future__ import annotations

from typing import Any

from service_helpers import Member, manifest, manifest_page

QUESTIONS_PAGE = "vragen/thuiswerken"
OTHER_PAGE = "teams/hr"


def questions_site(owner: str = "olga") -> dict[str, Any]:
    """A question page owned by ``owner`` (with #WOL), and a team page."""
    return manifest(
        manifest_page(QUESTIONS_PAGE, title="Thuiswerken", owners=[owner], hashtags=["wol"]),
        manifest_page(OTHER_PAGE, title="HR"),
    )


def ask(member: Member, text: str, page_id: str = QUESTIONS_PAGE) -> dict[str, Any]:
    """Post a question; its comment answer."""
    response = member.post(f"/api/pages/{page_id}/comments", {"text": text, "question": True})
    assert response.status_code == 201, response.json
    return response.json


def questions_of(member: Member, page_id: str = QUESTIONS_PAGE) -> dict[str, Any]:
    """The thread's ``questions``, as the member sees them."""
    return member.get(f"/api/pages/{page_id}/thread").json["questions"]
