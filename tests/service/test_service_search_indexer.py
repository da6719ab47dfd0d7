"""`PLEIN_SEARCH_INDEXER=external`: the service's processes only read the index; `flask search-indexer` writes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from comments_service import db
from comments_service.models import SearchQueue
from comments_service.search import WhooshBackend
from service_helpers import Member, eventually

pytestmark = pytest.mark.plein_settings(PLEIN_SEARCH_INDEXER="external")

DRAIN_INTERVAL_S = 1.0  # the service's (views.py)
WAIT_S = 15.0
START_S = 60.0
"""How long the indexer may take to start: a process importing the whole service, on a machine that may be busy
with other test workers and Chromium (as the scale-out tests' hosts, START_SECONDS)."""


def queue_length(app: Flask) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(SearchQueue)) or 0


def found(client: FlaskClient, word: str) -> list[str]:
    answer = client.get(f"/api/search?q={word}")
    assert answer.status_code == 200, answer.json
    return [hit["doc_id"] for hit in answer.json["results"]]


def test_the_service_leaves_its_queue_to_the_indexer(
    app: Flask, page: str, sanne: Member, client: FlaskClient
) -> None:
    comment = sanne.comment(page, "De fietsenstalling staat weer vol")
    time.sleep(DRAIN_INTERVAL_S * 2)  # an inline writer would have drained twice by now

    assert queue_length(app) == 1
    assert found(client, "fietsenstalling") == []

    result = app.test_cli_runner().invoke(args=["search-indexer", "--once"])

    assert result.exit_code == 0, result.output
    # Whoosh: the synced pages (one batch in the spool) and the comment; a database took the pages at the sync
    applied = 2 if isinstance(app.extensions["plein_search"], WhooshBackend) else 1
    assert f"Indexed {applied} changes" in result.output
    assert queue_length(app) == 0
    app.extensions["plein_search"].refresh()
    assert found(client, "fietsenstalling") == [f"comment:{comment['id']}"]


def test_the_indexer_process_keeps_the_index_in_step_and_stops_on_sigterm(
    app: Flask, settings: dict[str, Any], page: str, sanne: Member, client: FlaskClient, tmp_path: Path
) -> None:
    environment = {**os.environ, **{key: str(value) for key, value in settings.items() if key.startswith("PLEIN_")},
                   "PYTHONUNBUFFERED": "1"}  # its lines reach the log as it writes them
    log = (tmp_path / "indexer.log").open("w+")
    indexer = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "comments_service", "search-indexer"],
        env=environment, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        started = eventually(lambda: "Indexing into" in Path(log.name).read_text() or indexer.poll() is not None,
                             START_S)
        assert started and indexer.poll() is None, Path(log.name).read_text()
        comment = sanne.comment(page, "Wie weet waar de sleutel van de kantine ligt?")

        indexed = eventually(lambda: found(client, "kantine") == [f"comment:{comment['id']}"], WAIT_S)
        assert indexed, Path(log.name).read_text()
        assert eventually(lambda: queue_length(app) == 0, WAIT_S)  # the queue's rows go just after the index commit

        indexer.send_signal(signal.SIGTERM)
        assert indexer.wait(timeout=WAIT_S) == 0
    finally:
        if indexer.poll() is None:
            indexer.kill()
            indexer.wait(timeout=WAIT_S)
        log.close()
    assert "Search indexer stopped." in Path(log.name).read_text()
