"""A comment its author removed: nobody reads it (410), and its text is purged after the retention period."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from comments_service import db
from comments_service.clock import ControlledClock
from comments_service.models import Comment, CommentRevision, HashtagUse
from comments_service.privacy.models import AuditEntry
from comments_service.privacy.retention import purge_removed_comments

from service_helpers import PAGE, Member


def purge(app: Flask) -> int:
    """The periodic job as the worker runs it: in the app's context."""
    with app.app_context():
        return purge_removed_comments(app)


def _removed_with_history(sanne: Member) -> int:
    comment = sanne.comment(PAGE, "Eerste versie over #koffie")
    assert sanne.patch(f"/api/comments/{comment['id']}", {"text": "Tweede versie over #koffie"}).status_code == 200
    assert sanne.delete(f"/api/comments/{comment['id']}").status_code == 200
    return int(comment["id"])


def test_a_removed_comments_versions_answer_410_to_everyone(page: str, sanne: Member, moderator: Member,
                                                            client: Any) -> None:
    comment_id = _removed_with_history(sanne)

    for reader in (sanne.get, moderator.get, client.get):
        answer = reader(f"/api/comments/{comment_id}/revisions")
        assert answer.status_code == 410 and answer.json["error"]["code"] == "comment_removed"
    dutch = sanne.get(f"/api/comments/{comment_id}/revisions", headers={"Accept-Language": "nl"})
    assert "verwijderd" in dutch.json["error"]["message"]


@pytest.mark.plein_settings(PLEIN_DELETED_RETENTION_DAYS=30)
def test_the_purge_blanks_a_removed_comment_after_the_retention_period(
    app: Flask, page: str, sanne: Member, clock: ControlledClock
) -> None:
    comment_id = _removed_with_history(sanne)
    kept = sanne.comment(PAGE, "Deze blijft staan")

    clock.advance(dt.timedelta(days=29, hours=23))
    assert purge(app) == 0
    with app.app_context():
        assert db.session().get(Comment, comment_id).text == "Tweede versie over #koffie"  # kept for moderation

    clock.advance(dt.timedelta(hours=1))
    assert purge(app) == 1
    assert purge(app) == 0  # a second worker running it finds nothing left

    with app.app_context():
        session = db.session()
        purged = session.get(Comment, comment_id)
        assert (purged.text, purged.html, purged.state) == ("", "", "removed")
        assert session.scalars(select(CommentRevision).where(CommentRevision.comment_id == comment_id)).all() == []
        assert session.scalars(select(HashtagUse).where(HashtagUse.comment_id == comment_id)).all() == []
        assert session.get(Comment, kept["id"]).text == "Deze blijft staan"
        [audit] = session.scalars(select(AuditEntry)).all()
        assert audit.action == "purge" and json.loads(audit.detail) == {"comments": 1}


@pytest.mark.plein_settings(PLEIN_DELETED_RETENTION_DAYS=0)
def test_a_retention_of_zero_purges_at_the_next_run(app: Flask, page: str, sanne: Member) -> None:
    comment_id = _removed_with_history(sanne)

    assert purge(app) == 1

    with app.app_context():
        assert db.session().get(Comment, comment_id).text == ""

