"""Erasing a member who wrote in a department's name: those posts speak for the organisation and stay whole, with
their earlier texts and hashtags, without saying who wrote them; the member's own comments become placeholders."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from comments_service import db
from comments_service.models import ERASED_PREFIX, Comment, CommentRevision, HashtagUse
from comments_service.privacy.erasure import erase_person
from service_helpers import Member


def test_an_erased_writer_leaves_the_departments_posts_standing_without_their_name(
    app: Flask, page: str, henk: Member, joost: Member, moderator: Member
) -> None:
    post = henk.post(f"/api/pages/{page}/comments", {"text": "De nieuwe #cao staat online.", "as": "hr"}).json
    henk.patch(f"/api/comments/{post['id']}", {"text": "De nieuwe #cao staat online, met uitleg."})
    own = henk.comment(page, "Persoonlijk: ik ben er vrijdag niet. #afwezig")
    joost.comment(page, "Dank!", parent_id=post["id"])

    with app.app_context(), db.transaction() as session:
        erase_person(session, "henk")

    comments = {comment["id"]: comment for comment in moderator.get(f"/api/pages/{page}/thread").json["comments"]}
    kept = comments[post["id"]]
    assert kept["author"] == {"id": "hr", "name": "HR", "department": True}  # no written_by: the writer is gone
    assert "staat online, met uitleg." in kept["html"] and kept["state"] == "visible" and kept["hashtags"] == ["cao"]
    assert [reply["html"] for reply in kept["replies"]] == ["<p>Dank!</p>"]
    assert own["id"] not in comments  # a placeholder without replies is not shown
    with app.app_context():
        session = db.session()
        assert session.get(Comment, post["id"]).author_id.startswith(ERASED_PREFIX)
        assert session.scalar(select(func.count()).where(CommentRevision.comment_id == post["id"])) == 1
        assert list(session.scalars(select(HashtagUse.slug).where(HashtagUse.comment_id == post["id"]))) == ["cao"]
        assert list(session.scalars(select(HashtagUse.slug).where(HashtagUse.comment_id == own["id"]))) == []
        erased_own = session.get(Comment, own["id"])
        assert erased_own.text == "" and erased_own.state == "removed"
    posts = joost.get("/departments/hr/").get_data(as_text=True)
    assert "staat online, met uitleg" in posts and "Henk" not in posts
