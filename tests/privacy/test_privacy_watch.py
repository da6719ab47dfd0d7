"""An erasure made by one process reaches the others: they forget whom they remember as stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from flask import Flask

from comments_service import db
from comments_service.clock import ControlledClock
from comments_service.privacy.erasure import erase_person

from lifecycle_helpers import app_on
from service_helpers import PAGE, PROXY_ADDRESS, Member, client_from


def test_another_process_stores_an_erased_person_again(
    app: Flask, settings: dict[str, Any], database_url: str, tmp_path: Path, page: str, sanne: Member,
    clock: ControlledClock,
) -> None:
    with app_on(settings, database_url, tmp_path) as other:  # another worker: its own engine and memories
        there = Member(client_from(other, PROXY_ADDRESS), sanne.id, sanne.name, [], sanne.email)
        assert there.get("/me/").status_code == 200  # it remembers her as stored now
        there.comment(PAGE, "Eerste keer")

        with app.app_context(), db.transaction() as session:
            erase_person(session, "sanne")
        clock.advance(dt.timedelta(seconds=3))

        assert there.get("/me/").status_code == 200  # stored again, not a missing row
        assert there.post(f"/api/pages/{PAGE}/comments", {"text": "Weer terug"}).status_code == 201


def test_mijn_gegevens_right_after_an_erasure_elsewhere(
    app: Flask, settings: dict[str, Any], database_url: str, tmp_path: Path, page: str, sanne: Member
) -> None:
    with app_on(settings, database_url, tmp_path) as other:
        there = Member(client_from(other, PROXY_ADDRESS), sanne.id, sanne.name, [], sanne.email)
        assert there.get("/me/data/").status_code == 200

        with app.app_context(), db.transaction() as session:
            erase_person(session, "sanne")

        assert there.get("/me/data/").status_code == 200  # before the watch looks: stored afresh all the same
