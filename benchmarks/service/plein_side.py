"""Plein's comments service under test: the repository's own code, on SQLite, write rate limit raised.

It runs in its production layout (docs/service.md): gunicorn's workers serve the API and only read the search
index, which `flask search-indexer` writes in a process of its own; that process's CPU time counts as the
server's, and so does the job worker's (`flask jobs`), which mails notifications to a real SMTP server on
127.0.0.1 (`mentions.MailSink`). Identity comes the production way, from the single sign-on proxy's headers (the load generator plays
the proxy from 127.0.0.1); pages come from a manifest posted to `/api/sync`, as CI does.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.service.client import JsonClient
from benchmarks.service.conversation import MENTION_TEXT, MENTIONED, WRITE_TEXT, SeedComment
from benchmarks.service.fanout import seed_followers
from benchmarks.service.load import Scenario
from benchmarks.service.mentions import MailSink, visit
from benchmarks.service.servers import Server, companion, gunicorn
from benchmarks.service.widget import PLEIN_WIDGET, REPO_ROOT

READ_PAGE = "nieuws/bench"
WRITE_PAGE = "nieuws/schrijftest"
FOLLOWED_PAGE = "nieuws/veel-gevolgd"
SYNC_TOKEN = "bench-sync-token"
IDENTITY = (("X-Plein-User", "bench"), ("X-Plein-Name", "Bench"))


class PleinSide:
    """Everything the benchmark needs to know about Plein's service."""

    name = "Plein"

    def __init__(self, work: Path, sink: MailSink) -> None:
        self.work = (work / "plein").resolve()
        self.sink = sink
        self.headers: tuple[tuple[str, str], ...] = IDENTITY  # plus the CSRF token once seeded

    def install(self) -> None:
        """Nothing to install: the service runs from this repository's virtualenv."""

    def widget_files(self) -> list[Path]:
        return list(PLEIN_WIDGET)

    def _environment(self) -> dict[str, str]:
        return {
            "PLEIN_DATABASE_URL": f"sqlite:///{self.database}",
            "PLEIN_SECRET_KEY": "bench-secret-key",
            "PLEIN_TRUSTED_PROXIES": "127.0.0.1/32",
            "PLEIN_SYNC_TOKEN": SYNC_TOKEN,
            "PLEIN_RATELIMIT_WRITE": "1000000 per minute",
            "PLEIN_SEARCH_DIR": str(self.work / "search"),
            "PLEIN_SEARCH_INDEXER": "external",
            "PLEIN_SITE_URL": "http://intranet.bench.test/",
            "PLEIN_SMTP_HOST": "127.0.0.1",
            "PLEIN_SMTP_PORT": str(self.sink.port),
            "PLEIN_SMTP_SECURITY": "none",
            "PLEIN_JOBS_URL": f"sqlite:///{self.work / 'jobs.sqlite3'}",
        }

    @contextmanager
    def serve(self) -> Iterator[Server]:
        """The service under gunicorn, its search indexer and its job worker, on a fresh database and index."""
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        with gunicorn(
            Path(sys.executable).with_name("gunicorn"),
            "comments_service:create_app()",
            env=self._environment(),
            cwd=REPO_ROOT,
            logs=self.work,
            probe_path="/api/me",
        ) as server, companion(
            [str(Path(sys.executable).with_name("flask")), "--app", "comments_service", "search-indexer"],
            env=self._environment(),
            cwd=REPO_ROOT,
            log=self.work / "indexer.log",
        ) as indexer, companion(
            [str(Path(sys.executable).with_name("flask")), "--app", "comments_service", "jobs"],
            env=self._environment(),
            cwd=REPO_ROOT,
            log=self.work / "jobs.log",
        ) as worker:
            yield server.with_companion(indexer).with_companion(worker)

    def seed(self, url: str, comments: list[SeedComment]) -> None:
        """Sync the two pages, then post the conversation through the API as the bench person."""
        client = JsonClient(url, {"Authorization": f"Bearer {SYNC_TOKEN}"})
        try:
            pages = [{"id": page, "url": f"{page}/", "title": page, "hashtags": [], "former_ids": []}
                     for page in (READ_PAGE, WRITE_PAGE, FOLLOWED_PAGE)]
            client.request("POST", "/api/sync", {"version": 1, "pages": pages}, expect=200)
            visit(url, MENTIONED)  # known from a first visit, so every mention of them links and notifies
            seed_followers(self.database, FOLLOWED_PAGE)
            client.headers = dict(IDENTITY)
            token = client.request("GET", "/api/me", expect=200).body["csrf_token"]
            self.headers = (*IDENTITY, ("X-CSRF-Token", token))
            client.headers = dict(self.headers)
            ids: list[int] = []
            for comment in comments:
                body = {"text": comment.text,
                        "parent_id": ids[comment.reply_to] if comment.reply_to is not None else None}
                created = client.request("POST", f"/api/pages/{READ_PAGE}/comments", body, expect=201)
                ids.append(created.body["id"])
            count = client.request("GET", f"/api/pages/{READ_PAGE}/thread", expect=200).body["comment_count"]
            if count != len(comments):
                raise RuntimeError(f"Plein shows {count} comments, not {len(comments)}")
        finally:
            client.close()

    @property
    def database(self) -> Path:
        """The service's SQLite file."""
        return self.work / "plein.sqlite3"

    @property
    def followed_path(self) -> str:
        """Where comments on the page that 10,000 people follow are posted."""
        return f"/api/pages/{FOLLOWED_PAGE}/comments"

    def read_scenario(self, url: str) -> Scenario:
        return Scenario(url=url, path=f"/api/pages/{READ_PAGE}/thread", headers=self.headers)

    def write_scenario(self, url: str) -> Scenario:
        return Scenario(
            url=url,
            path=f"/api/pages/{WRITE_PAGE}/comments",
            method="POST",
            headers=(*self.headers, ("Content-Type", "application/json")),
            body='{"text": "%s", "parent_id": null}' % WRITE_TEXT,
        )

    def mention_write_scenario(self, url: str) -> Scenario:
        """The same write, each comment mentioning a colleague (a notification, and mail due at once)."""
        return Scenario(
            url=url,
            path=f"/api/pages/{WRITE_PAGE}/comments",
            method="POST",
            headers=(*self.headers, ("Content-Type", "application/json")),
            body='{"text": "%s", "parent_id": null}' % MENTION_TEXT,
        )
