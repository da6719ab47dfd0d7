"""Plein's comments service under test: the repository's own code, on SQLite or PostgreSQL, on one host or
more, write rate limit raised.

It runs in its production layout (docs/service.md): gunicorn's workers serve the API and only read the search
index, which `flask search-indexer` writes in a process of its own (taking the queue of written comments into the
database's own full text, or with `whoosh=True` into a Whoosh index); that process's CPU time counts as the
server's, and so does the job worker's (`flask jobs`), which mails notifications to a real SMTP server on
127.0.0.1 (`mentions.MailSink`). On PostgreSQL the service gets a fresh schema of `database_url` per round and
searches in it, and a PostgreSQL running on this machine counts its CPU time in Plein's (every process of it: on
a shared machine, other users' queries too); several hosts (gunicorn and an indexer each, one job worker) share
it, and share the write budget and the job queue through Redis (a database of the benchmark's own, emptied per
round), as docs/service.md lays them out. Identity comes the production way, from the single sign-on proxy's
headers (the load generator plays the proxy from 127.0.0.1); pages come from a manifest posted to `/api/sync`,
as CI does.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import redis
from sqlalchemy import create_engine, text

from benchmarks.service.client import JsonClient
from benchmarks.service.conversation import MENTION_TEXT, MENTIONED, WRITE_TEXT, SeedComment
from benchmarks.service.fanout import seed_followers
from benchmarks.service.load import Scenario
from benchmarks.service.mentions import MailSink, visit
from benchmarks.service.servers import Cluster, Server, companion, gunicorn, postmaster_pid
from benchmarks.service.widget import PLEIN_WIDGET, REPO_ROOT

READ_PAGE = "nieuws/bench"
WRITE_PAGE = "nieuws/schrijftest"
FOLLOWED_PAGE = "nieuws/veel-gevolgd"
SYNC_TOKEN = "bench-sync-token"
IDENTITY = (("X-Plein-User", "bench"), ("X-Plein-Name", "Bench"))
DATABASE_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/6"
SCHEMA = "plein_bench_service"


class PleinSide:
    """Everything the benchmark needs to know about Plein's service."""

    def __init__(self, work: Path, sink: MailSink, backend: str = "sqlite", hosts: int = 1,
                 database_url: str = DATABASE_URL, redis_url: str = REDIS_URL, search_indexer: bool = True,
                 whoosh: bool = False) -> None:
        """``search_indexer=False`` leaves the search indexer out (comments stay queued, never findable): what
        writes would come to if keeping the index cost nothing, the most any cheaper index could give them.
        ``whoosh`` searches with a Whoosh index instead of the database's own full text (the default)."""
        if backend == "sqlite" and hosts > 1:
            raise ValueError("several hosts need PostgreSQL: a SQLite file lives on one machine")
        self.backend, self.hosts, self.search_indexer, self.whoosh = backend, hosts, search_indexer, whoosh
        slug = "plein" if backend == "sqlite" and hosts == 1 else f"plein-{backend}-{hosts}"
        self.work = (work / slug).resolve()
        self.sink = sink
        self.headers: tuple[tuple[str, str], ...] = IDENTITY  # plus the CSRF token once seeded
        joiner = "&" if "?" in database_url else "?"
        self.postgres_url = f"{database_url}{joiner}options=-csearch_path%3D{SCHEMA}"
        self.redis_url = redis_url

    @property
    def name(self) -> str:
        """"Plein" as before for SQLite on one host; else what differs."""
        if self.backend == "sqlite":
            return "Plein (Whoosh)" if self.whoosh else "Plein"
        return "Plein (PostgreSQL)" if self.hosts == 1 else f"Plein (PostgreSQL, {self.hosts} hosts)"

    def install(self) -> None:
        """Nothing to install: the service runs from this repository's virtualenv."""

    def widget_files(self) -> list[Path]:
        return list(PLEIN_WIDGET)

    def _environment(self, host: int) -> dict[str, str]:
        environment = {
            "PLEIN_DATABASE_URL": self.database_url,
            "PLEIN_SECRET_KEY": "bench-secret-key",
            "PLEIN_TRUSTED_PROXIES": "127.0.0.1/32",
            "PLEIN_SYNC_TOKEN": SYNC_TOKEN,
            "PLEIN_RATELIMIT_WRITE": "1000000 per minute",
            "PLEIN_SEARCH_BACKEND": "whoosh" if self.whoosh else self.backend,
            "PLEIN_SEARCH_DIR": str(self.work / f"host{host}" / "search"),
            "PLEIN_SEARCH_INDEXER": "external",
            "PLEIN_SITE_URL": "http://intranet.bench.test/",
            "PLEIN_SMTP_HOST": "127.0.0.1",
            "PLEIN_SMTP_PORT": str(self.sink.port),
            "PLEIN_SMTP_SECURITY": "none",
            "PLEIN_JOBS_URL": f"sqlite:///{self.work / 'jobs.sqlite3'}",
        }
        if self.hosts > 1:  # what hosts must share besides the database
            environment.update(PLEIN_JOBS_URL=self.redis_url, PLEIN_RATELIMIT_STORAGE=self.redis_url)
        return environment

    @contextmanager
    def serve(self) -> Iterator[Server | Cluster]:
        """The service on each host (gunicorn and its search indexer) and one job worker, on a fresh database,
        index and Redis database."""
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        bin_dir = Path(sys.executable).parent
        with self._fresh_storage(), ExitStack() as stack:
            hosts: list[Server] = []
            for host in range(self.hosts):
                logs = self.work / f"host{host}"
                logs.mkdir()
                env = self._environment(host)
                server = stack.enter_context(gunicorn(bin_dir / "gunicorn", "comments_service:create_app()", env=env,
                                                      cwd=REPO_ROOT, logs=logs, probe_path="/api/me"))
                if not self.search_indexer:
                    hosts.append(server)
                    continue
                indexer = stack.enter_context(companion(
                    [str(bin_dir / "flask"), "--app", "comments_service", "search-indexer"],
                    env=env, cwd=REPO_ROOT, log=logs / "indexer.log"))
                hosts.append(server.with_companion("search indexer", indexer))
            worker = stack.enter_context(companion(
                [str(bin_dir / "flask"), "--app", "comments_service", "jobs"],
                env=self._environment(0), cwd=REPO_ROOT, log=self.work / "jobs.log"))
            hosts[0] = hosts[0].with_companion("job worker", worker)
            database = postmaster_pid() if self.backend == "postgres" else None
            if database is not None:  # PostgreSQL's work per request counts, as SQLite's does in the workers
                hosts[0] = hosts[0].with_companion("PostgreSQL", database)
            yield hosts[0] if self.hosts == 1 else Cluster(tuple(hosts))

    @contextmanager
    def _fresh_storage(self) -> Iterator[None]:
        """PostgreSQL: the schema made empty for the round and dropped after it; Redis: its database emptied."""
        if self.hosts > 1:
            redis.Redis.from_url(self.redis_url).flushdb()
        if self.backend != "postgres":
            yield
            return
        engine = create_engine(self.postgres_url)
        try:
            with engine.begin() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE'))
                connection.execute(text(f'CREATE SCHEMA "{SCHEMA}"'))
            yield
        finally:
            with engine.begin() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE'))
            engine.dispose()

    def seed(self, url: str, comments: list[SeedComment]) -> None:
        """Sync the two pages, then post the conversation through the API as the bench person."""
        client = JsonClient(url, {"Authorization": f"Bearer {SYNC_TOKEN}"})
        try:
            pages = [{"id": page, "url": f"{page}/", "title": page, "hashtags": [], "former_ids": []}
                     for page in (READ_PAGE, WRITE_PAGE, FOLLOWED_PAGE)]
            client.request("POST", "/api/sync", {"version": 1, "pages": pages}, expect=200)
            visit(url, MENTIONED)  # known from a first visit, so every mention of them links and notifies
            seed_followers(self.database_url, FOLLOWED_PAGE)
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
    def database_url(self) -> str:
        """The service's database: a SQLite file of the round, or the benchmark's PostgreSQL schema."""
        return self.postgres_url if self.backend == "postgres" else f"sqlite:///{self.work / 'plein.sqlite3'}"

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
