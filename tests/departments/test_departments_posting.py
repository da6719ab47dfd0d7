"""A member posts and answers as the department; readers see the department, moderators and the writer see
who wrote it; the audit trail records it; a non-member is refused in their language with nothing stored."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from comments_service import db
from comments_service.departments.models import DepartmentPost
from service_helpers import Member


def authors(member: Member, page: str) -> list[dict[str, Any]]:
    return [comment["author"] for comment in member.get(f"/api/pages/{page}/thread").json["comments"]]


def test_readers_see_the_department_moderators_see_who_wrote_it(app: Flask, page: str, henk: Member,
                                                                joost: Member, moderator: Member,
                                                                client: Any) -> None:
    answer = henk.post(f"/api/pages/{page}/comments", {"text": "De nieuwe cao gaat in per 1 maart.", "as": "hr"})
    assert answer.status_code == 201, answer.json
    assert answer.json["author"] == {"id": "hr", "name": "HR", "department": True,
                                     "written_by": {"id": "henk", "name": "Henk van HR"}}
    assert authors(joost, page) == [{"id": "hr", "name": "HR", "department": True}]
    assert client.get(f"/api/pages/{page}/thread").json["comments"][0]["author"]["name"] == "HR"
    assert "Henk" not in client.get(f"/api/pages/{page}/thread").get_data(as_text=True)
    assert authors(moderator, page)[0]["written_by"] == {"id": "henk", "name": "Henk van HR"}
    assert henk.get(f"/api/pages/{page}/thread").json["post_as"] == [{"id": "hr", "name": "HR"}]
    assert joost.get(f"/api/pages/{page}/thread").json["post_as"] == []
    with app.app_context():
        audit = db.session().execute(select(DepartmentPost.department, DepartmentPost.person_id,
                                            DepartmentPost.comment_id)).all()
    assert [tuple(row) for row in audit] == [("hr", "henk", answer.json["id"])]


def test_a_member_answers_as_the_department_and_still_edits_it(page: str, henk: Member, joost: Member) -> None:
    question = joost.comment(page, "Waarom wordt de reiskostenvergoeding lager?")
    reply = henk.post(f"/api/pages/{page}/comments", {"text": "Omdat de regeling verandert.", "parent_id":
                                                      question["id"], "as": "hr"})
    assert reply.status_code == 201 and reply.json["author"]["name"] == "HR"
    edited = henk.patch(f"/api/comments/{reply.json['id']}", {"text": "Omdat de fiscale regeling verandert."})
    assert edited.status_code == 200 and edited.json["author"]["name"] == "HR"


def test_posting_as_a_department_one_is_not_a_member_of_is_refused(page: str, joost: Member) -> None:
    dutch = joost.post(f"/api/pages/{page}/comments", {"text": "Namens HR: iedereen vrij!", "as": "hr"},
                       headers={"Accept-Language": "nl"})
    assert dutch.status_code == 403 and dutch.json["error"]["code"] == "not_department_member"
    assert "Je bent geen lid van HR" in dutch.json["error"]["message"]
    english = joost.post(f"/api/pages/{page}/comments", {"text": "x", "as": "hr"})
    assert english.json["error"]["message"].startswith("You are not a member of HR")
    assert joost.post(f"/api/pages/{page}/comments", {"text": "x", "as": "finance"}).status_code == 400
    assert joost.post(f"/api/pages/{page}/comments", {"text": "x", "as": 7}).status_code == 400
    assert joost.get(f"/api/pages/{page}/thread").json["comments"] == []  # nothing stored


def test_replies_to_the_department_and_mentions_of_it_reach_every_member(page: str, henk: Member, hanna: Member,
                                                                         joost: Member, sanne: Member) -> None:
    hanna.get("/api/me")  # the service knows her (and her group) from her first visit
    posted = henk.post(f"/api/pages/{page}/comments", {"text": "Vragen over de cao? Stel ze hier.", "as": "hr"}).json
    joost.comment(page, "Geldt dit ook voor parttimers?", parent_id=posted["id"])
    mention = sanne.comment(page, "Wanneer komt de uitleg, @hr.")
    assert '<a class="mention" href="/departments/hr/" rel="nofollow noopener">@HR</a>.' in mention["html"]
    sanne.comment(page, "Zo schrijf je het: `@hr`, en dit is een mail: hr@example.nl")  # no mention of anyone

    def kinds(member: Member) -> list[str]:
        return sorted(item["kind"] for item in member.get("/api/notifications").json["notifications"])

    assert kinds(hanna) == ["mention", "reply"]
    assert kinds(henk) == ["mention", "reply"]
    assert kinds(joost) == []
    # who wrote for the department stays hidden in what others are told
    joost_reply = joost.comment(page, "Dank je, HR!", parent_id=posted["id"])
    assert joost_reply["author"]["name"] == "Joost Bakker"
    notices = hanna.get("/api/notifications").json["notifications"]
    assert all(item["actor"] != "Henk van HR" for item in notices)


def test_the_department_page_lists_its_posts_and_members(page: str, henk: Member, hanna: Member, joost: Member,
                                                         client: Any) -> None:
    hanna.patch("/api/me/profile", {"low_profile": True})
    henk.post(f"/api/pages/{page}/comments", {"text": "Het verzuimbeleid is vernieuwd.", "as": "hr"})
    henk.comment(page, "Persoonlijk vind ik het een verbetering.")
    html = client.get("/departments/hr/").get_data(as_text=True)
    assert "<h1>HR</h1>" in html and "Het verzuimbeleid is vernieuwd." in html
    assert "Persoonlijk vind ik" not in html
    assert 'href="/people/henk/"' in html and "Hanna" not in html
    own = client.get("/people/henk/").get_data(as_text=True)
    assert "Persoonlijk vind ik" in own and "verzuimbeleid" not in own
    assert client.get("/departments/finance/").status_code == 404
    activity = client.get("/api/activity").json
    assert [item["author"]["name"] for item in activity["items"]] == ["Henk van HR", "HR"]


def test_the_writers_own_export_includes_the_audit_trail(app: Flask, page: str, henk: Member) -> None:
    from comments_service.privacy.export import personal_data

    posted = henk.post(f"/api/pages/{page}/comments", {"text": "Het verzuimbeleid is vernieuwd.", "as": "hr"}).json
    with app.app_context():
        with db.engine().connect() as connection:
            exported = personal_data(connection, "henk")
    rows = exported["tables"]["department_posts"]
    assert [(row["department"], row["comment_id"]) for row in rows] == [("hr", posted["id"])]


def test_search_finds_a_department_post_under_the_departments_name(page: str, henk: Member, client: Any) -> None:
    from service_helpers import eventually

    henk.post(f"/api/pages/{page}/comments", {"text": "Het thuiswerkbeleid is vernieuwd.", "as": "hr"})

    def found() -> list[Any]:
        return client.get("/api/search?q=thuiswerkbeleid&kind=comment").json.get("results", [])

    assert eventually(lambda: bool(found()), seconds=5)
    assert [result["author"] for result in found()] == ["HR"]


def test_without_javascript_a_member_writes_as_the_department(page: str, henk: Member, joost: Member) -> None:
    from tests.pages.pages_helpers import find_all, forms, parse, submit

    def comment_form(member: Member) -> Any:
        return next(form for form in forms(parse(member.get(f"/conversation/{page}/")))
                    if "plein-conversation__comment" in form.get("class", ""))

    form = comment_form(henk)
    assert [option.get("value") for option in find_all(form, "option")] == ["", "hr"]
    assert submit(henk, form, text="Vragen over de cao? Wij helpen.", **{"as": "hr"}).status_code == 303
    assert authors(joost, page) == [{"id": "hr", "name": "HR", "department": True}]
    assert not find_all(comment_form(joost), "select")
    refused = submit(joost, comment_form(joost), text="Namens HR!", **{"as": "hr"})
    assert refused.status_code == 403 and "You are not a member of HR" in refused.get_data(as_text=True)
    assert len(joost.get(f"/api/pages/{page}/thread").json["comments"]) == 1
