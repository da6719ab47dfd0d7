"""Hosts that start at once on a new release migrate the one PostgreSQL schema one after the other: each host's
file lock is its own, so the lock is PostgreSQL's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from comments_service import db
from service_helpers import POSTGRES_URL
from tests.service.fixtures import postgres_schema
from tests.conftest import REPO_ROOT

MIGRATE = """
import sys
from pathlib import Path
from sqlalchemy import create_engine
from comments_service import db
db.upgrade(create_engine(sys.argv[1]), Path(sys.argv[2]))
"""


@pytest.mark.postgres
def test_two_hosts_migrating_a_new_schema_at_once_take_turns(tmp_path: Path) -> None:
    for schema in postgres_schema():
        url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
        hosts = [  # a lock file in a folder per host, as on two machines
            subprocess.Popen([sys.executable, "-c", MIGRATE, url, str(tmp_path / f"host-{host}" / "migrate.lock")],
                             cwd=REPO_ROOT, stderr=subprocess.PIPE)
            for host in range(2)
        ]
        try:
            errors = [host.communicate(timeout=120)[1].decode() for host in hosts]
        finally:
            for host in hosts:
                host.kill()
        assert [host.returncode for host in hosts] == [0, 0], errors
        engine = create_engine(url)
        try:
            assert not db.needs_upgrade(engine)
        finally:
            engine.dispose()
