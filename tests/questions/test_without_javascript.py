"""Questions without JavaScript: asking, the state and marking the best answer on a page's conversation page."""

from __future__ import annotations

from typing import Any

import pytest

from helpers import QUESTIONS_PAGE, ask, questions_of, questions_site
from pages_helpers import find_all, forms, parse, submit, text
from service_helpers import Member

HERE = f"/conversation/{QUESTIONS_PAGE}/"


@pytest.fixture
def site(sync: Any) -> None:
    sync(questions_site())


def test_a_question_asked_by_form_is_a_question(site: None, sanne: Member) -> None:
    form = next(form for form in forms(parse(sanne.get(HERE))) if "plein-conversation__comment" in form.get("class", ""))
    posted = submit(sanne, form, text="Zonder JavaScript: hoe vraag ik verlof aan?", question="1")
    assert posted.status_code == 303
    question_id = posted.headers["Location"].rpartition("#comment-")[2]
    assert questions_of(sanne)[question_id]["state"] == "open"
    badge = find_all(find_all(parse(sanne.get(HERE)), "li", id=f"comment-{question_id}")[0], "span", class_="plein-badge")
    assert [text(span) for span in badge] == ["Open"]


def test_the_asker_marks_and_withdraws_the_best_answer_by_form(
    site: None, sanne: Member, joost: Member, person: Any
) -> None:
    question = ask(sanne, "Waar staat de printer?")
    first = joost.comment(QUESTIONS_PAGE, "Op de gang.", question["id"])
    second = joost.comment(QUESTIONS_PAGE, "Naast de koffie.", question["id"])
    assert not [form for form in forms(parse(joost.get(HERE))) if "plein-best" in form.get("class", "")]
    marks = [form for form in forms(parse(sanne.get(HERE))) if "plein-best" in form.get("class", "")]
    assert len(marks) == 2
    mark_second = next(form for form in marks if any(f.get("value") == str(second["id"]) for f in form.iter()))
    marked = submit(sanne, mark_second)
    assert (marked.status_code, marked.headers["Location"]) == (303, f"{HERE}#comment-{question['id']}")
    assert questions_of(sanne)[str(question["id"])]["best_answer_id"] == second["id"]
    replies = find_all(find_all(parse(sanne.get(HERE)), "li", id=f"comment-{question['id']}")[0], "ol", class_="plein-replies")[0]
    ids = [item.get("id") for item in replies if item.get("id")]
    assert ids == [f"comment-{second['id']}", f"comment-{first['id']}"]  # the best answer right under the question
    withdraw = next(form for form in forms(parse(sanne.get(HERE)))
                    if "plein-best" in form.get("class", "") and not any(f.get("name") == "answer_id" for f in form.iter()))
    assert submit(sanne, withdraw).status_code == 303
    assert questions_of(sanne)[str(question["id"])]["state"] == "answered"


def test_a_mark_by_someone_not_allowed_is_a_page_in_the_readers_language(
    site: None, sanne: Member, joost: Member
) -> None:
    question = ask(sanne, "Wie opent de deur?")
    answer = joost.comment(QUESTIONS_PAGE, "De receptie.", question["id"])
    refused = joost.client.post(f"/questions/{question['id']}/best",
                                data={"answer_id": str(answer["id"]), "csrf_token": joost.csrf},
                                headers={**joost.identity, "Sec-Fetch-Site": "same-origin"})
    assert refused.status_code == 403 and refused.mimetype == "text/html"
    assert "Only the asker" in refused.get_data(as_text=True)
    assert questions_of(sanne)[str(question["id"])]["best_answer_id"] is None


@pytest.mark.parametrize("answer_id", ["abc", "0", "99999999999"])
def test_a_best_answer_form_with_a_bad_number_is_a_400_page_and_changes_nothing(
    site: None, sanne: Member, answer_id: str
) -> None:
    question = ask(sanne, "Hoe laat sluit het gebouw?")
    refused = sanne.client.post(f"/questions/{question['id']}/best",
                                data={"answer_id": answer_id, "csrf_token": sanne.csrf},
                                headers={**sanne.identity, "Sec-Fetch-Site": "same-origin"})
    assert refused.status_code == 400 and refused.mimetype == "text/html"
    assert questions_of(sanne)[str(question["id"])]["state"] == "open"
