"""Isso 0.14, the peer: installed in a virtualenv of its own, on SQLite, guard (rate limits) off."""

from __future__ import annotations

import subprocess
import venv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.service.client import JsonClient
from benchmarks.service.conversation import WRITE_TEXT, SeedComment
from benchmarks.service.load import Scenario
from benchmarks.service.servers import Server, free_port, gunicorn

VERSION = "0.14.0"
READ_URI = "/nieuws/bench/"
WRITE_URI = "/nieuws/schrijftest/"

CONFIG = """\
[general]
dbpath = {dbpath}
# Nothing listens here: Isso only warns at start-up; thread titles are sent with the first comment.
host = http://127.0.0.1:{dead_port}/
notify = stdout
log-file = {log}

[moderation]
enabled = false

[guard]
enabled = false
"""


class IssoSide:
    """Everything the benchmark needs to know about Isso."""

    name = f"Isso {VERSION}"

    def __init__(self, work: Path) -> None:
        self.work = (work / "isso").resolve()
        self.venv = self.work / "venv"

    def install(self) -> None:
        """Create the virtualenv and `pip install isso==0.14.0 gunicorn` once (a marker file remembers)."""
        marker = self.venv / f".isso-{VERSION}"
        if marker.exists():
            return
        self.work.mkdir(parents=True, exist_ok=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(self.venv)
        pip = [str(self.venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True)
        subprocess.run([*pip, f"isso=={VERSION}", "gunicorn"], check=True)
        marker.touch()

    def widget_files(self) -> list[Path]:
        """Isso's client: `embed.min.js` as shipped in the package (its CSS is inlined in the script)."""
        found = sorted(self.venv.glob("lib/python*/site-packages/isso/js/embed.min.js"))
        if not found:
            raise SystemExit(f"embed.min.js not found under {self.venv}")
        return found[:1]

    @contextmanager
    def serve(self) -> Iterator[Server]:
        """Isso under gunicorn on a fresh database."""
        database = self.work / "comments.db"
        database.unlink(missing_ok=True)
        config = self.work / "isso.cfg"
        config.write_text(CONFIG.format(dbpath=database, dead_port=free_port(), log=self.work / "isso.log"))
        # Isso makes its tables and session key at start-up; two workers doing it at once on a fresh database can
        # collide (UNIQUE constraint failed: preferences.key) and take gunicorn down. One process does it first.
        subprocess.run([str(self.venv / "bin" / "python"), "-c", "import isso.run"],
                       env={"ISSO_SETTINGS": str(config)}, cwd=self.work, check=True, capture_output=True)
        with gunicorn(
            self.venv / "bin" / "gunicorn",
            "isso.run:application",
            env={"ISSO_SETTINGS": str(config)},
            cwd=self.work,
            logs=self.work,
            probe_path="/info",
        ) as server:
            yield server

    def seed(self, url: str, comments: list[SeedComment]) -> None:
        """Post the conversation to READ_URI and one comment to WRITE_URI (so its thread exists)."""
        client = JsonClient(url)
        try:
            ids: list[int] = []
            for comment in comments:
                body = {"text": comment.text, "author": "Bench", "title": "Bench",
                        "parent": ids[comment.reply_to] if comment.reply_to is not None else None}
                ids.append(client.request("POST", f"/new?uri={READ_URI}", body, expect=201).body["id"])
            client.request("POST", f"/new?uri={WRITE_URI}", {"text": "Eerste.", "title": "Schrijftest"}, expect=201)
            answer = client.request("GET", f"/?uri={READ_URI}", expect=200)
            shown = answer.body["replies"]
            total = len(shown) + sum(len(comment["replies"]) for comment in shown)
            if total != len(comments):
                raise RuntimeError(f"Isso shows {total} comments, not {len(comments)}")
        finally:
            client.close()

    def read_scenario(self, url: str) -> Scenario:
        return Scenario(url=url, path=f"/?uri={READ_URI}")

    def write_scenario(self, url: str) -> Scenario:
        return Scenario(
            url=url,
            path=f"/new?uri={WRITE_URI}",
            method="POST",
            headers=(("Content-Type", "application/json"),),
            body='{"text": "%s", "author": "Bench"}' % WRITE_TEXT,
        )
