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
