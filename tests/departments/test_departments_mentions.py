"""A department account is mentioned as a person is: the @ autocomplete offers it (before colleagues), and the
mention links to its page."""

from __future__ import annotations

import pytest
from service_helpers import Member


def names_and_kinds(member: Member, query: str) -> list[tuple[str, str, str]]:
    answer = member.get(f"/api/people?q={query}")
    assert answer.status_code == 200
    return [(found["name"], found["handle"], found["kind"]) for found in answer.json["people"]]


@pytest.mark.plein_settings(PLEIN_DEPARTMENTS="hr=HR;it=IT-afdeling;fz=Facilitaire zaken")
def test_the_autocomplete_offers_department_accounts_first(henk: Member, hanna: Member, sanne: Member) -> None:
    henk.get("/api/me")
    hanna.get("/api/me")  # colleagues are known from a first visit
    assert names_and_kinds(sanne, "h") == [
        ("HR", "hr", "department"), ("Hanna Hermans", "hanna", "person"), ("Henk van HR", "henk", "person")]
    assert names_and_kinds(sanne, "zak") == [("Facilitaire zaken", "fz", "department")]  # any word of its name
    assert names_and_kinds(sanne, "IT") == [("IT-afdeling", "it", "department")]  # its id, in any case
    assert names_and_kinds(sanne, "hen") == [("Henk van HR", "henk", "person")]
    assert sanne.get("/api/people?q=").json == {"people": []}


def test_an_offered_department_mentioned_links_to_its_page(page: str, sanne: Member) -> None:
    handle = sanne.get("/api/people?q=hr").json["people"][0]["handle"]
    html = sanne.comment(page, f"Vraag voor @{handle}: wanneer is de uitleg?")["html"]
    assert html == ('<p>Vraag voor <a class="mention" href="/departments/hr/" rel="nofollow noopener">@HR</a>: '
                    "wanneer is de uitleg?</p>")
    assert sanne.get("/departments/hr/").status_code == 200


def test_an_edit_that_mentions_the_department_anew_tells_the_members_not_yet_told(
    page: str, henk: Member, hanna: Member, sanne: Member, joost: Member
) -> None:
    def mentions(member: Member) -> list[int]:
        notices = member.get("/api/notifications").json["notifications"]
        return [notice["url"] for notice in notices if notice["kind"] == "mention"]

    for member in (henk, hanna):
        member.get("/api/me")  # known from a first visit, with their group
    written = sanne.comment(page, "Wie weet wanneer de cao ingaat? @henk")
    assert len(mentions(henk)) == 1 and mentions(hanna) == []
    edit = f"/api/comments/{written['id']}"
    assert sanne.patch(edit, {"text": "Wie weet wanneer de cao ingaat? @henk @hr"}).status_code == 200
    assert len(mentions(hanna)) == 1  # newly addressed through her department
    assert len(mentions(henk)) == 1  # told already, as himself: one comment, one notification
    assert sanne.patch(edit, {"text": "Wanneer gaat de cao in? @hr @henk"}).status_code == 200
    assert len(mentions(hanna)) == 1 and len(mentions(henk)) == 1  # nobody new
    assert joost.get("/api/notifications").json["notifications"] == []
