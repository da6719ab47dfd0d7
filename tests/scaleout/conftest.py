"""Fixtures for the scale-out tests: one PostgreSQL schema and one Redis database shared by several service hosts.

PostgreSQL is found on 127.0.0.1:5432 as the service tests find it (a fresh schema per module, which a module may
also give the service tests' in-process ``app`` as its ``database_url``); Redis on
127.0.0.1:6379, or, when nothing listens there, a ``redis-server`` of the test's own on a free port. The tests
use Redis database 7, emptied first, so other tests' rate-limit counters and queues are not disturbed; under
pytest-xdist each worker takes a database of its own (7 for ``gw0``, 8 for ``gw1``, ...), so one worker's hosts
never take another's jobs and no worker empties a database another is using.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest
import redis

from tests.conftest import XDIST_WORKER, free_port, worker_number  # noqa: E402

from scaleout_hosts import Cluster, until  # noqa: E402
from service_helpers import POSTGRES_URL
from tests.service.fixtures import postgres_schema  # noqa: E402

REDIS_DB = 7
"""The first of the tests' Redis databases: this pytest-xdist worker's is ``REDIS_DB + worker_number()``."""


def _answers(port: int) -> bool:
    try:
        return bool(redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _databases(port: int) -> int:
    """How many databases the Redis on ``port`` has (16 unless configured otherwise)."""
    try:
        with redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1) as client:
            return int(client.config_get("databases")["databases"])
    except (redis.RedisError, KeyError, ValueError):
        return 16


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This worker's Redis database (7 + its number) on loopback, empty: the one on 6379, else a server of our
    own."""
    server = None
    port = 6379
    if not _answers(port):
        executable = shutil.which("redis-server")
        if executable is None:
            message = "Redis is not running on 127.0.0.1:6379 and redis-server is not installed"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        port = free_port()
        folder = tmp_path_factory.mktemp("redis")
        server = subprocess.Popen(
            [executable, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
             "--dir", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        assert until(lambda: _answers(port), 10, 0.1), "redis-server did not start"
    database = REDIS_DB + worker_number()
    if database >= _databases(port):
        pytest.fail(f"Redis on 127.0.0.1:{port} has no database {database} for pytest-xdist worker {XDIST_WORKER}: "
                    "run fewer workers (-n)")
    url = f"redis://127.0.0.1:{port}/{database}"
    redis.Redis.from_url(url).flushdb()
    try:
        yield url
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="module")
def shared_database_url() -> Iterator[str]:
    """A fresh PostgreSQL schema for the module's hosts."""
    for schema in postgres_schema():
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"


@pytest.fixture(scope="module")
def cluster(shared_database_url: str, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """The module's hosts (start them with ``cluster.start("a", "b")``); every one ended afterwards."""
    hosts = Cluster(shared_database_url, redis_url, tmp_path_factory.mktemp("hosts"))
    try:
        yield hosts
    finally:
        hosts.stop()
