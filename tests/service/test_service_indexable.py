"""What search reads from the service: visible comments on live pages, with page, author and hashtags."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from comments_service import db
from comments_service.services import indexable
from comments_service.services.indexable import visible_comments

from service_helpers import PAGE, Member, manifest, manifest_page


def collected(app: Flask, comment_ids: list[int] | None = None) -> list[Any]:
    with app.app_context():
        return list(visible_comments(db.session(), comment_ids))


def test_only_comments_readers_see_are_indexable(
    app: Flask, page: str, sync: Any, sanne: Member, joost: Member, moderator: Member
) -> None:
    kept = sanne.comment(page, "Over #Privacy en #WOL")
    hidden = joost.comment(page, "Verborgen")
    removed = joost.comment(page, "Weg")
    archived = joost.comment("nieuws", "Op een pagina die verdwijnt")
    moderator.post(f"/api/comments/{hidden['id']}/hide")
    joost.delete(f"/api/comments/{removed['id']}")
    sync(manifest(manifest_page(PAGE, title="Privacy en persoonsgegevens")))
    [entry] = collected(app)
    assert entry.id == kept["id"] and entry.page_id == PAGE and entry.page_title == "Privacy en persoonsgegevens"
    assert entry.url == f"{PAGE}/#comment-{kept['id']}" and entry.language == "nl"
    assert entry.author == "Sanne de Vries" and entry.text == "Over #Privacy en #WOL"
    assert entry.hashtags == ("privacy", "wol") and entry.created.tzinfo is not None
    assert collected(app, [archived["id"], hidden["id"]]) == []


def test_many_comments_come_in_batches(app: Flask, page: str, sanne: Member, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexable, "BATCH", 2)
    ids = [sanne.comment(page, f"Nummer {number} #n{number}")["id"] for number in range(5)]
    entries = collected(app)
    assert [entry.id for entry in entries] == ids
    assert [entry.hashtags for entry in entries] == [(f"n{number}",) for number in range(5)]
    assert [entry.id for entry in collected(app, ids[1:3])] == ids[1:3]
