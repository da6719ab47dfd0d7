"""Export holds every kind of record a person has; erasure leaves nothing findable and keeps threads intact."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from comments_service import db
from comments_service.errors import ApiError
from comments_service.models import ERASED_PREFIX, Comment, Person, SearchQueue
from comments_service.notifications.models import Notification
from comments_service.privacy.erasure import erase_person
from comments_service.privacy.export import personal_data
from comments_service.privacy.models import AuditEntry
from comments_service.privacy.registry import PERSONAL_DATA

from privacy_helpers import LIVED_IN, SECRET, lived_in, tables_mentioning
from service_helpers import PAGE, Member, eventually


def found(reader: Member, words: str) -> set[str]:
    """The ids of the documents a search finds (the PostgreSQL backend's table outlives each test's rows)."""
    return {result["doc_id"] for result in reader.get(f"/api/search?q={words}").json["results"]}


def _export(app: Flask, person_id: str) -> dict[str, Any]:
    with app.app_context():
        return personal_data(db.session().connection(), person_id)


def test_the_export_holds_every_kind_of_record_the_person_has(app: Flask, sanne: Member, joost: Member, sync: Any) -> None:
    made = lived_in(sanne, joost, sync, app)

    data = _export(app, "sanne")

    assert set(data["tables"]) == {entry.table for entry in PERSONAL_DATA if entry.export}
    tables = data["tables"]
    assert {table for table, rows in tables.items() if rows} >= LIVED_IN
    naming_her = tables_mentioning(app, "sanne", "Sanne de Vries", SECRET)
    assert not {table for table in naming_her if not tables.get(table)}, "rows that name her, not in her export"
    assert tables["people"][0]["email"] == "sanne@example.nl" and tables["people"][0]["feed_token"]
    texts = {row["id"]: row["text"] for row in tables["comments"]}
    assert texts[made["first"]] == f"Tweede {SECRET} over #fietsplan"
    assert texts[made["gone"]] == f"Spijt van {SECRET}"  # removed, not yet purged: still hers
    assert [row["text"] for row in tables["comment_revisions"]] == [f"Eerste {SECRET} over #fietsplan @joost"]
    assert {row["emoji"] for row in tables["reactions"]} == {"👍", "🎉"}
    assert {row["kind"] for row in tables["notifications"]} == {"reply"}
    assert tables["page_owners"] == [{"page_pk": tables["page_owners"][0]["page_pk"], "owner": "sanne"}]
    assert json.loads(json.dumps(data)) == data  # plain JSON throughout


def test_the_export_holds_nobody_elses_rows(app: Flask, sanne: Member, joost: Member, sync: Any) -> None:
    made = lived_in(sanne, joost, sync, app)

    tables = _export(app, "sanne")["tables"]

    assert made["reply"] not in {row["id"] for row in tables["comments"]}
    assert all(row["person_id"] == "sanne" for row in tables["follows"])  # not Joost following her
    assert all(row["person_id"] == "sanne" for row in tables["notifications"])  # not Joost's about her


def test_erasure_leaves_nothing_findable_and_keeps_the_thread(app: Flask, sanne: Member, joost: Member, sync: Any) -> None:
    made = lived_in(sanne, joost, sync, app)
    before = tables_mentioning(app, "sanne", "Sanne de Vries", SECRET)
    assert {"people", "comments", "comment_revisions", "notifications", "follows"} <= set(before)

    with app.app_context(), db.transaction() as session:
        summary = erase_person(session, "sanne")
        queued = set(session.scalars(select(SearchQueue.comment_id)))  # before the commit: the app's search
        # writer takes the queue within a second of it, sooner than a busy machine reaches the checks below

    left = tables_mentioning(app, "sanne", "Sanne de Vries", SECRET)
    assert left == {"page_owners": 1}  # the site's front matter names her: kept, as the registry says
    thread = joost.get(f"/api/pages/{PAGE}/thread").json
    [placeholder] = thread["comments"]
    assert placeholder["id"] == made["first"] and placeholder["author"] is None and placeholder["html"] == ""
    assert [reply["id"] for reply in placeholder["replies"]] == [made["reply"]]  # Joost's reply stays
    assert joost.get("/api/comments/%d/reactions" % made["news"]).json["counts"] == {}
    with app.app_context():
        session = db.session()
        authors = set(session.scalars(select(Comment.author_id).where(Comment.id.in_([made["first"], made["gone"]]))))
        [pseudonym] = authors
        assert pseudonym.startswith(ERASED_PREFIX)
        erased = session.get(Person, pseudonym)
        assert erased is not None and erased.email is None and erased.name == "" and erased.feed_token is None
        left_over = session.execute(select(Notification.person_id, Notification.kind, Notification.actor_id)).all()
        assert left_over == [("joost", "reaction", None)]  # hers and Joost's about her comment go; who reacted too
        assert session.get(Person, "joost").unread == 1  # his bell no longer counts the reply to a gone comment
        audit = session.scalars(select(AuditEntry)).one()
        assert audit.action == "erasure" and "sanne" not in audit.detail and json.loads(audit.detail) == summary
    assert made["first"] in queued
    hers = {f"comment:{made['first']}", f"comment:{made['gone']}"}
    assert eventually(lambda: not hers & found(joost, SECRET), 10)
    assert not hers & found(joost, "Sanne")


def test_the_search_index_forgets_an_erased_persons_comments(app: Flask, sanne: Member, joost: Member, sync: Any) -> None:
    made = lived_in(sanne, joost, sync, app)
    hers = f"comment:{made['first']}"
    assert eventually(lambda: hers in found(joost, SECRET), 10)

    with app.app_context(), db.transaction() as session:
        erase_person(session, "sanne")

    assert eventually(lambda: hers not in found(joost, SECRET), 10)


def test_an_erased_person_who_comes_back_starts_afresh(app: Flask, sanne: Member, joost: Member, sync: Any) -> None:
    lived_in(sanne, joost, sync, app)
    with app.app_context(), db.transaction() as session:
        erase_person(session, "sanne")

    assert sanne.get("/me/").status_code == 200
    again = sanne.comment(PAGE, "Hallo weer")

    exported = _export(app, "sanne")["tables"]
    assert [row["id"] for row in exported["comments"]] == [again["id"]]
    assert exported["reactions"] == exported["follows"] == exported["notifications"] == []


def test_erasing_an_unknown_person_is_a_404(app: Flask) -> None:
    with app.app_context(), db.transaction() as session, pytest.raises(ApiError) as refused:
        erase_person(session, "niemand")

    assert refused.value.status == 404 and refused.value.code == "person_not_found"
