"""Asking, answering, marking the best answer: who may, the states, and bad input in the reader's language."""

from __future__ import annotations

from typing import Any

import pytest

from helpers import OTHER_PAGE, QUESTIONS_PAGE, ask, questions_of, questions_site
from service_helpers import Member


@pytest.fixture
def site(sync: Any) -> None:
    sync(questions_site())


@pytest.fixture
def olga(person: Any) -> Member:
    """The owner of the question page."""
    return person("olga", "Olga Eigenaar")


def test_a_question_is_open_then_answered_by_someone_else_then_solved(
    site: None, sanne: Member, joost: Member
) -> None:
    question = ask(sanne, "Hoe vraag ik een thuiswerkplek aan?")
    qid = str(question["id"])
    assert questions_of(sanne)[qid] == {"id": question["id"], "state": "open", "best_answer_id": None,
                                        "can_mark": True}
    sanne.comment(QUESTIONS_PAGE, "Ik heb het ook al bij HR gevraagd.", question["id"])  # a self-reply
    assert questions_of(sanne)[qid]["state"] == "open"
    answer = joost.comment(QUESTIONS_PAGE, "Via het formulier op de HR-pagina.", question["id"])
    assert questions_of(joost)[qid] == {"id": question["id"], "state": "answered", "best_answer_id": None,
                                        "can_mark": False}
    marked = sanne.post(f"/api/questions/{question['id']}/best", {"answer_id": answer["id"]})
    assert marked.status_code == 200, marked.json
    assert marked.json["state"] == "solved"
    assert questions_of(joost)[qid]["best_answer_id"] == answer["id"]


def test_the_owner_and_a_moderator_may_mark_and_change_and_withdraw_others_may_not(
    site: None, sanne: Member, joost: Member, olga: Member, moderator: Member, person: Any
) -> None:
    question = ask(sanne, "Wie beheert de printers?")
    first = joost.comment(QUESTIONS_PAGE, "De servicedesk.", question["id"])
    second = olga.comment(QUESTIONS_PAGE, "Facilitair, via de servicedesk.", question["id"])
    path = f"/api/questions/{question['id']}/best"
    stranger = person("piet", "Piet Buiten")
    refused = stranger.post(path, {"answer_id": first["id"]}, headers={"Accept-Language": "nl"})
    assert refused.status_code == 403
    assert refused.json["error"]["code"] == "not_allowed_to_mark"
    assert refused.json["error"]["message"].startswith("Alleen wie de vraag stelde")
    assert joost.post(path, {"answer_id": first["id"]}).status_code == 403  # answering gives no right to mark
    assert olga.post(path, {"answer_id": first["id"]}).json["best_answer_id"] == first["id"]
    assert moderator.post(path, {"answer_id": second["id"]}).json["best_answer_id"] == second["id"]
    withdrawn = sanne.delete(path)
    assert withdrawn.json == {"id": question["id"], "state": "answered", "best_answer_id": None, "can_mark": True}
    assert questions_of(olga)[str(question["id"])]["can_mark"] is True


def test_a_best_answer_change_changes_the_threads_etag(site: None, sanne: Member, joost: Member) -> None:
    question = ask(sanne, "Waar vind ik de declaratieregels?")
    answer = joost.comment(QUESTIONS_PAGE, "Op de pagina declaraties.", question["id"])
    before = sanne.get(f"/api/pages/{QUESTIONS_PAGE}/thread")
    sanne.post(f"/api/questions/{question['id']}/best", {"answer_id": answer["id"]})
    after = sanne.get(f"/api/pages/{QUESTIONS_PAGE}/thread", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.json["questions"][str(question["id"])]["state"] == "solved"


def test_a_new_owner_from_a_sync_may_mark_at_once(
    sync: Any, site: None, sanne: Member, olga: Member, person: Any
) -> None:
    question = ask(sanne, "Wie beheert deze pagina nu?")
    piet = person("piet", "Piet Nieuw")
    before = piet.get(f"/api/pages/{QUESTIONS_PAGE}/thread")
    assert before.json["questions"][str(question["id"])]["can_mark"] is False
    sync(questions_site(owner="piet"))
    after = piet.get(f"/api/pages/{QUESTIONS_PAGE}/thread", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.json["questions"][str(question["id"])]["can_mark"] is True
    assert questions_of(olga)[str(question["id"])]["can_mark"] is False


def test_removing_the_first_answer_opens_the_question_and_removing_the_best_withdraws_it(
    site: None, sanne: Member, joost: Member
) -> None:
    question = ask(sanne, "Mag ik mijn laptop mee naar huis nemen?")
    answer = joost.comment(QUESTIONS_PAGE, "Ja, met toestemming.", question["id"])
    sanne.post(f"/api/questions/{question['id']}/best", {"answer_id": answer["id"]})
    assert joost.delete(f"/api/comments/{answer['id']}").status_code == 200
    assert questions_of(sanne)[str(question["id"])] == {
        "id": question["id"], "state": "open", "best_answer_id": None, "can_mark": True}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_bad_marks_are_clear_errors_in_the_readers_language_and_change_nothing(
    site: None, sanne: Member, joost: Member, language: str
) -> None:
    question = ask(sanne, "Hoe werkt de VPN?")
    answer = joost.comment(QUESTIONS_PAGE, "Met de app.", question["id"])
    sanne.post(f"/api/questions/{question['id']}/best", {"answer_id": answer["id"]})
    plain = joost.comment(QUESTIONS_PAGE, "Een losse reactie, geen antwoord.")
    elsewhere = joost.comment(OTHER_PAGE, "Een reactie op een andere pagina.")
    nested = sanne.comment(QUESTIONS_PAGE, "Dank je!", answer["id"])
    headers = {"Accept-Language": language}
    path = f"/api/questions/{question['id']}/best"
    cases = [
        (path, {"answer_id": plain["id"]}, 400, "not_an_answer"),
        (path, {"answer_id": nested["id"]}, 400, "not_an_answer"),
        (path, {"answer_id": elsewhere["id"]}, 400, "answer_elsewhere"),
        (path, {"answer_id": 999999}, 404, "answer_not_found"),
        (path, {}, 400, "missing_field"),
        (path, {"answer_id": "1"}, 400, "wrong_type"),
        (f"/api/questions/{plain['id']}/best", {"answer_id": answer["id"]}, 404, "question_not_found"),
    ]
    messages = set()
    for url, body, status, code in cases:
        response = sanne.post(url, body, headers=headers)
        assert (response.status_code, response.json["error"]["code"]) == (status, code), url
        messages.add(response.json["error"]["message"])
    if language == "nl":
        assert "Alleen een antwoord op deze vraag kan het beste antwoord zijn." in messages
    else:
        assert "Only a reply to this question can be its best answer." in messages
    assert questions_of(sanne)[str(question["id"])]["best_answer_id"] == answer["id"]  # nothing lost


def test_only_a_new_comment_can_be_a_question(site: None, sanne: Member, joost: Member) -> None:
    top = joost.comment(QUESTIONS_PAGE, "Een gewone reactie.")
    response = sanne.post(f"/api/pages/{QUESTIONS_PAGE}/comments",
                          {"text": "Een vraag als antwoord?", "parent_id": top["id"], "question": True},
                          headers={"Accept-Language": "nl"})
    assert response.status_code == 400
    assert response.json["error"]["code"] == "question_is_reply"
    wrong = sanne.post(f"/api/pages/{QUESTIONS_PAGE}/comments", {"text": "Vraag?", "question": "ja"})
    assert (wrong.status_code, wrong.json["error"]["code"]) == (400, "wrong_type")
    assert questions_of(sanne) == {}


def test_the_owner_hears_of_a_question_as_a_question(site: None, sanne: Member, olga: Member) -> None:
    olga.get("/api/me")  # the owner is known from a first visit
    ask(sanne, "Is er een thuiswerkvergoeding?")
    kinds = [entry["kind"] for entry in olga.get("/api/notifications").json["notifications"]]
    assert kinds == ["question"]
