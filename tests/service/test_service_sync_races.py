"""Two builds that sync at the same moment (quick pushes, CI running their pipelines side by side) both succeed:
syncs take turns, so neither finds the pages the other is inserting (a 409 that failed the CI job), and the
second applies its manifest to what the first stored. On SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from comments_service import db
from comments_service.models import Page

from service_helpers import PROXY_ADDRESS, SYNC_TOKEN, client_from, manifest, manifest_page, together

TRIALS = 5
PAGES = 60


def post_sync(app: Flask, body: dict[str, Any]) -> Any:
    headers = {"Authorization": f"Bearer {SYNC_TOKEN}"}
    return client_from(app, PROXY_ADDRESS).post("/api/sync", json=body, headers=headers)


def test_syncs_at_the_same_moment_all_succeed_and_the_pages_are_stored_once(app: Flask) -> None:
    for trial in range(TRIALS):
        pages = [manifest_page(f"sectie{trial}/pagina-{n}", hashtags=["gedoe", f"t{n % 7}"]) for n in range(PAGES)]
        renamed = [manifest_page(f"sectie{trial}/nieuw-{n}", former_ids=[f"sectie{trial}/pagina-{n}"])
                   for n in range(PAGES - 20, PAGES)]
        first, with_renames = manifest(*pages), manifest(*pages[:PAGES - 20], *renamed)

        statuses = together(lambda: post_sync(app, first), lambda: post_sync(app, first),
                            lambda: post_sync(app, with_renames))

        assert statuses == [200, 200, 200], (trial, statuses)
        post_sync(app, with_renames)  # whichever came last, this build's pages now
        again = post_sync(app, with_renames).json
        assert (again["created"], again["updated"], again["moved"], again["archived"]) == (0, 0, 0, 0), again
        assert again["unchanged"] == PAGES
        with app.app_context():
            live = db.session().scalars(select(Page.identity).where(
                Page.identity.startswith(f"sectie{trial}/"), Page.archived.is_(False))).all()
        assert sorted(live) == sorted(page["id"] for page in with_renames["pages"]), trial
