"""Sync: the build's manifest creates, moves (former_ids), archives and restores pages; twice changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from comments_service.signals import pages_synced

from service_helpers import SYNC_TOKEN, Member, manifest, manifest_page


def summary_of(result: Any) -> dict[str, Any]:
    return result.as_json() if hasattr(result, "as_json") else result


def test_new_pages_appear(app: Flask, sync: Any, client: Any) -> None:
    result = sync(manifest(manifest_page("a", title="Pagina A", hashtags=["wol"]), manifest_page("b")))
    assert summary_of(result) == {
        "created": 2, "updated": 0, "moved": 0, "archived": 0, "restored": 0, "unchanged": 0,
        "text_changed": ["a", "b"], "moved_ids": [], "archived_ids": [], "restored_ids": [], "updated_ids": [],
        "unreached_owners": [],
    }
    page = client.get("/api/pages/a/thread").json["page"]
    assert page == {"id": "a", "title": "Pagina A", "url": "/a/", "archived": False}


def test_the_same_sync_twice_changes_nothing(sync: Any) -> None:
    data = manifest(manifest_page("a", former_ids=["oud-a"], hashtags=["x"]), manifest_page("b"))
    sync(data)
    assert summary_of(sync(data)) == {
        "created": 0, "updated": 0, "moved": 0, "archived": 0, "restored": 0, "unchanged": 2,
        "text_changed": [], "moved_ids": [], "archived_ids": [], "restored_ids": [], "updated_ids": [],
        "unreached_owners": [],
    }


def test_the_summary_names_the_owners_who_reach_nobody_yet(
    sync: Any, person: Any
) -> None:
    """Comments on a page reach its owners only if the service knows them (by id, address or group, from their
    visits): a build's log shows the names that reach nobody, such as a display name or a team nobody of which
    has signed in."""
    assert person("eva", "Eva Smit", ["Team HR"]).get("/api/me").status_code == 200  # a visit: known by now
    owners = ["eva", "EVA@example.nl", "Team HR", "Lotte Vermeulen", "Team Waterbeheer", "piet@example.nl"]
    data = manifest(manifest_page("a", owners=owners), manifest_page("oud", owners=["Team Archief"]))
    assert summary_of(sync(data))["unreached_owners"] == [
        "Lotte Vermeulen", "Team Archief", "Team Waterbeheer", "piet@example.nl"]

    assert person("piet", "Piet Jansen").get("/api/me").status_code == 200  # his address reaches him now
    assert summary_of(sync(manifest(manifest_page("a", owners=owners))))["unreached_owners"] == [
        "Lotte Vermeulen", "Team Waterbeheer"]  # and an archived page's owners are no longer asked for


def test_changed_title_and_text_are_updates(sync: Any, client: Any) -> None:
    sync(manifest(manifest_page("a"), manifest_page("b")))
    changed = manifest(manifest_page("a", title="Nieuwe titel", text_hash="nieuw"), manifest_page("b", url="bee/"))
    result = summary_of(sync(changed))
    assert (result["updated"], result["unchanged"], result["text_changed"]) == (2, 0, ["a"])
    assert client.get("/api/pages/a/thread").json["page"]["title"] == "Nieuwe titel"
    assert client.get("/api/pages/b/thread").json["page"]["url"] == "/bee/"


def test_a_renamed_page_takes_its_conversation_along(sync: Any, sanne: Member, joost: Member, client: Any) -> None:
    sync(manifest(manifest_page("beleid/privacy"), manifest_page("nieuws")))
    comment = sanne.comment("beleid/privacy", "Over #privacy")
    joost.post("/api/pages/beleid/privacy/reactions", {"emoji": "👍"})
    joost.post(f"/api/comments/{comment['id']}/reactions", {"emoji": "💡"})
    renamed = manifest_page("richtlijnen/privacy", former_ids=["beleid/privacy"])
    result = summary_of(sync(manifest(renamed, manifest_page("nieuws"))))
    assert (result["moved"], result["created"], result["archived"], result["unchanged"]) == (1, 0, 0, 1)
    assert result["moved_ids"] == ["richtlijnen/privacy"]
    thread = client.get("/api/pages/richtlijnen/privacy/thread").json
    assert thread["page"]["id"] == "richtlijnen/privacy" and thread["page"]["archived"] is False
    assert thread["reactions"]["counts"] == {"👍": 1}
    [moved] = thread["comments"]
    assert moved["id"] == comment["id"] and moved["permalink"] == f"/richtlijnen/privacy/#comment-{comment['id']}"
    assert moved["reactions"]["counts"] == {"💡": 1} and moved["hashtags"] == ["privacy"]
    assert client.get("/api/pages/beleid/privacy/thread").json["page"]["id"] == "richtlijnen/privacy"


def test_pages_merged_into_an_existing_one_bring_their_conversations(
    sync: Any, sanne: Member, joost: Member, client: Any
) -> None:
    sync(manifest(manifest_page("a"), manifest_page("b")))
    sanne.comment("a", "Op A")
    sanne.comment("b", "Op B")
    sanne.post("/api/pages/a/reactions", {"emoji": "👍"})
    sanne.post("/api/pages/b/reactions", {"emoji": "👍"})
    joost.post("/api/pages/a/reactions", {"emoji": "🎉"})
    result = summary_of(sync(manifest(manifest_page("b", former_ids=["a"]))))
    assert (result["moved"], result["archived"]) == (1, 0)
    thread = client.get("/api/pages/b/thread").json
    assert sorted(c["html"] for c in thread["comments"]) == ["<p>Op A</p>", "<p>Op B</p>"]
    assert thread["reactions"]["counts"] == {"👍": 1, "🎉": 1}, "a person's same reaction on both pages counts once"
    assert client.get("/api/pages/a/thread").json["page"]["id"] == "b"


def test_missing_pages_are_archived_and_restored(sync: Any, sanne: Member, client: Any) -> None:
    sync(manifest(manifest_page("a"), manifest_page("b")))
    sanne.comment("b", "Bewaard")
    gone = summary_of(sync(manifest(manifest_page("a"))))
    assert (gone["archived"], gone["unchanged"], gone["archived_ids"]) == (1, 1, ["b"])
    thread = client.get("/api/pages/b/thread").json
    assert thread["page"]["archived"] is True and thread["comments"][0]["html"] == "<p>Bewaard</p>"
    assert summary_of(sync(manifest(manifest_page("a"))))["archived"] == 0
    back = summary_of(sync(manifest(manifest_page("a"), manifest_page("b"))))
    assert (back["restored"], back["unchanged"], back["created"], back["restored_ids"]) == (1, 1, 0, ["b"])
    assert client.get("/api/pages/b/thread").json["page"]["archived"] is False


def test_a_page_hashtags_are_stored(app: Flask, sync: Any) -> None:
    from sqlalchemy import select

    from comments_service import db
    from comments_service.models import HashtagUse

    sync(manifest(manifest_page("a", hashtags=["wol", "gedoe"])))
    sync(manifest(manifest_page("a", hashtags=["wol", "intranetwerkt"])))
    with app.app_context():
        slugs = db.session().scalars(select(HashtagUse.slug).where(HashtagUse.comment_id.is_(None))).all()
    assert sorted(slugs) == ["intranetwerkt", "wol"]


def test_the_endpoint_needs_the_bearer_token(app: Flask, client: Any) -> None:
    data = manifest(manifest_page("a"))
    assert client.post("/api/sync", json=data).status_code == 401
    assert client.post("/api/sync", json=data, headers={"Authorization": "Bearer fout"}).status_code == 401
    response = client.post("/api/sync", json=data, headers={"Authorization": f"Bearer {SYNC_TOKEN}"})
    assert response.status_code == 200 and response.json["created"] == 1


@pytest.mark.plein_settings(PLEIN_SYNC_TOKEN="")
def test_the_endpoint_is_off_without_a_token(client: Any) -> None:
    response = client.post("/api/sync", json=manifest(), headers={"Authorization": "Bearer "})
    assert (response.status_code, response.json["error"]["code"]) == (403, "sync_disabled")


@pytest.mark.parametrize(
    "data",
    [
        {"version": 2, "pages": []},
        {"version": 1, "pages": {}},
        {"version": 1, "pages": [{"id": "a"}]},
        {"version": 1, "pages": [{"id": "a", "title": "A", "former_ids": "b"}]},
        {"version": 1, "pages": [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}]},
        {"version": 1, "pages": [{"id": "a" * 513, "title": "A"}]},
        {"version": 1, "pages": [{"id": "a", "title": "A", "hashtags": ["h" * 256]}]},
    ],
)
def test_an_invalid_manifest_is_refused_and_changes_nothing(client: Any, data: object) -> None:
    response = client.post("/api/sync", json=data, headers={"Authorization": f"Bearer {SYNC_TOKEN}"})
    assert (response.status_code, response.json["error"]["code"]) == (422, "invalid_manifest")


def test_the_command_syncs_a_manifest_file(app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest(manifest_page("a"))), encoding="utf-8")
    received: list[Any] = []
    with pages_synced.connected_to(lambda sender, summary: received.append(summary), app):
        result = app.test_cli_runner().invoke(args=["sync", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["created"] == 1
    assert received and received[0].created == 1
    path.write_text("{}", encoding="utf-8")
    failed = app.test_cli_runner().invoke(args=["sync", str(path)])
    assert failed.exit_code != 0 and "manifest" in failed.output
