"""A person who has used everything Plein offers, and a scan of every table for what names them."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import String, Text, insert, select

from comments_service import db
from comments_service.clock import utcnow
from comments_service.notifications.models import MailSchedule
from comments_service.schema import metadata

from service_helpers import PAGE, Member, manifest, manifest_page

LIVED_IN = {
    "people", "group_members", "comments", "comment_revisions", "hashtag_uses", "reactions", "idempotency_keys",
    "page_owners", "notifications", "follows", "notification_preferences", "mail_schedules", "questions",
}
"""The tables ``lived_in`` gives Sanne rows in."""
SECRET = "xyzzyplugh"
"""A word only Sanne's comments contain: an erasure must leave it nowhere."""


def lived_in(sanne: Member, joost: Member, sync: Any, app: Flask) -> dict[str, Any]:
    """Sanne comments (edited, with a hashtag, one removed), asks a question, reacts, follows, owns a page, has notifications,
    mail settings, a feed address and a group; Joost replies to her, follows her, and hears of her reaction."""
    sync(manifest(manifest_page(PAGE, owners=["sanne"]), manifest_page("nieuws")))
    sanne.groups.append("redactie")
    assert sanne.get("/me/").status_code == 200  # the visit, the group and the feed address
    first = sanne.post(f"/api/pages/{PAGE}/comments", {"text": f"Eerste {SECRET} over #fietsplan @joost"},
                       headers={"Idempotency-Key": "k-1"}).json
    assert sanne.patch(f"/api/comments/{first['id']}", {"text": f"Tweede {SECRET} over #fietsplan"}).status_code == 200
    asked = sanne.post(f"/api/pages/{PAGE}/comments", {"text": f"Wie weet {SECRET}?", "question": True})
    assert asked.status_code == 201, asked.json
    gone = sanne.comment(PAGE, f"Spijt van {SECRET}")
    assert sanne.delete(f"/api/comments/{gone['id']}").status_code == 200
    reply = joost.comment(PAGE, "Mee eens, goed plan", first["id"])
    news = joost.comment("nieuws", "Over de kantine")
    assert sanne.post(f"/api/comments/{news['id']}/reactions", {"emoji": "👍"}).status_code == 200
    assert sanne.post(f"/api/pages/{PAGE}/reactions", {"emoji": "🎉"}).status_code == 200
    assert sanne.write("PUT", "/api/follows", {"kind": "page", "target": "nieuws"}).status_code == 200
    assert joost.write("PUT", "/api/follows", {"kind": "person", "target": "sanne"}).status_code == 200
    assert sanne.write("PUT", "/api/notifications/preferences", {"reply": "daily"}).status_code == 200
    with app.app_context(), db.transaction() as session:
        session.execute(insert(MailSchedule).values(person_id="sanne", last_digest=utcnow()))
    return {"first": first["id"], "gone": gone["id"], "reply": reply["id"], "news": news["id"],
            "question": asked.json["id"]}


def tables_mentioning(app: Flask, *needles: str) -> dict[str, int]:
    """Per table, how many rows hold any of ``needles`` in a text column (the person's id, name, address...)."""
    found: dict[str, int] = {}
    with app.app_context():
        connection = db.session().connection()
        for table in metadata.sorted_tables:
            columns = [column for column in table.columns if isinstance(column.type, String | Text)]
            for row in connection.execute(select(*columns)) if columns else ():
                if any(needle in (value or "") for value in row for needle in needles if isinstance(value, str)):
                    found[table.name] = found.get(table.name, 0) + 1
    return found
