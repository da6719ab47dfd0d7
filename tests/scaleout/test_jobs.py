"""Periodic jobs run once per period however many job workers (one per host) share the Redis queue: two real
``flask jobs`` consumers on one database and one Redis."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from comments_service.notifications.periods import PeriodicRun, claim_period
from scaleout_hosts import host_environment, until

CHECK = re.compile(r"periodic job (\S+) due (\S+): (taken|another's)")


def start_worker(folder: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "jobs.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "tests.scaleout.consumer", "jobs", "--workers", "2"],
            cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for worker in started:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)


@pytest.mark.postgres
def test_a_periodic_job_runs_once_per_period_whatever_the_number_of_job_workers(
    shared_database_url: str, redis_url: str, tmp_path: Path, workers: list[subprocess.Popen[bytes]]
) -> None:
    probe = tmp_path / "probe"
    probe.touch()
    folders = [tmp_path / "host-a", tmp_path / "host-b"]
    for folder in folders:  # both at once, on a new schema: they migrate it one after the other
        env = host_environment(shared_database_url, redis_url, folder, PLEIN_TEST_PROBE_FILE=str(probe))
        workers.append(start_worker(folder, env))

    def checks() -> list[tuple[str, str, str]]:
        for worker, folder in zip(workers, folders):
            assert worker.poll() is None, (folder / "jobs.log").read_text()
        return [match.groups() for folder in folders for match in CHECK.finditer((folder / "jobs.log").read_text())]

    def both_checked() -> bool:
        logs = [(folder / "jobs.log").read_text() for folder in folders]
        return all("periodic job scaleout_probe due" in log for log in logs)

    assert until(both_checked, 60, 0.2), [(folder / "jobs.log").read_text()[-2000:] for folder in folders]
    seen = checks()
    taken = Counter((job, due) for job, due, verdict in seen if verdict == "taken")
    periods = {(job, due) for job, due, _ in seen}
    assert periods and all(taken[period] == 1 for period in periods), seen
    probe_periods = {due for job, due in periods if job == "scaleout_probe"}

    def runs() -> list[str]:
        return probe.read_text().split()

    assert until(lambda: len(runs()) >= len(probe_periods), 10)
    assert not until(lambda: len(runs()) > len({due for job, due, _ in checks() if job == "scaleout_probe"}), 1.5)


def test_a_period_is_taken_once_and_never_again_after_a_later_one(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'runs.sqlite3'}")
    PeriodicRun.__table__.create(engine)
    nine, five_past = dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC), dt.datetime(2027, 1, 4, 9, 5, tzinfo=dt.UTC)
    with Session(engine) as session:
        assert claim_period(session, "escalate", nine)
        assert not claim_period(session, "escalate", nine)
        assert claim_period(session, "report", nine)  # each job has periods of its own
        assert claim_period(session, "escalate", five_past)
        assert not claim_period(session, "escalate", nine)  # a host whose clock lags
        session.commit()
    engine.dispose()
