"""Start a WSGI app under gunicorn (2 sync workers, 127.0.0.1) for the length of a `with` block, and the
processes that work beside it (Plein's search indexer); several such hosts measured as one (`Cluster`).

Besides its URL, a running server tells the CPU time its processes used (its companions' included), so the
benchmark can state a cost per request (over the answers wrk counted) that other work on a shared machine does not
distort. gunicorn runs as both systems' production layouts have it: without an access log, which would cost a
cheap request a tenth of its CPU on each side.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

WORKERS = 2
START_TIMEOUT_S = 60.0
SETTLE_TIMEOUT_S = 30.0
_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, user + system CPU seconds) of a live process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICKS  # ppid, utime + stime


def _family_cpu(root: int, stats: Mapping[int, tuple[int, float] | None]) -> float:
    """CPU seconds of ``root`` and its descendants, from one reading of /proc."""
    family, grew = {root}, True
    while grew:
        grew = False
        for pid, stat in stats.items():
            if stat is not None and pid not in family and stat[0] in family:
                family.add(pid)
                grew = True
    return sum(stat[1] for pid in family if (stat := stats.get(pid)) is not None)


@dataclass(frozen=True)
class Server:
    """A running gunicorn: its URL, its master's pid and its companions (name, pid)."""

    url: str
    pid: int
    companions: tuple[tuple[str, int], ...] = ()

    @property
    def urls(self) -> tuple[str, ...]:
        """Where the load goes: this one host."""
        return (self.url,)

    def with_companion(self, name: str, pid: int) -> Server:
        """The same server, with a process working beside it whose CPU time counts as the server's."""
        return replace(self, companions=(*self.companions, (name, pid)))

    def cpu_by_part(self) -> dict[str, float]:
        """CPU time used so far by gunicorn (master and workers) and by each companion, each with every
        descendant still alive."""
        stats = {int(entry): _stat(int(entry)) for entry in os.listdir("/proc") if entry.isdigit()}
        return {name: _family_cpu(root, stats) for name, root in (("gunicorn", self.pid), *self.companions)}

    def cpu_seconds(self) -> float:
        """CPU time used so far by the master, its companions and every descendant still alive (the workers)."""
        return sum(self.cpu_by_part().values())

    def settle(self) -> None:
        """Wait until the workers are idle (requests still in flight finished), at most SETTLE_TIMEOUT_S."""
        deadline = time.monotonic() + SETTLE_TIMEOUT_S
        previous = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(0.3)
            current = self.cpu_seconds()
            if current - previous < 0.02:
                return
            previous = current


def postmaster_pid() -> int | None:
    """The PostgreSQL server on this machine: its first process, whose children are every backend (so, as a
    server's companion, the database's CPU time counts in the server's, as SQLite's does inside the workers)."""
    names = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                names[int(entry)] = Path(f"/proc/{entry}/comm").read_text().strip()
            except OSError:
                continue
    for pid, name in names.items():
        stat = _stat(pid)
        if name == "postgres" and stat is not None and names.get(stat[0]) != "postgres":
            return pid
    return None


@dataclass(frozen=True)
class Cluster:
    """Several hosts on one database, measured as one: the load spread over them, their CPU and answers summed."""

    hosts: tuple[Server, ...]

    @property
    def url(self) -> str:
        """The first host: seeding and probes go there."""
        return self.hosts[0].url

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(host.url for host in self.hosts)

    def cpu_by_part(self) -> dict[str, float]:
        parts: Counter[str] = Counter()
        for host in self.hosts:
            parts.update(host.cpu_by_part())
        return dict(parts)

    def settle(self) -> None:
        for host in self.hosts:
            host.settle()


def _wait_until_answering(port: int, probe_path: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with {process.returncode}; see {log}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", probe_path)
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {START_TIMEOUT_S:.0f} s; see {log}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, and SIGKILL when that has not ended it within 20 s."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def gunicorn(
    gunicorn_bin: Path, app: str, *, env: Mapping[str, str], cwd: Path, logs: Path, probe_path: str = "/"
) -> Iterator[Server]:
    """Run `gunicorn app` on a free port; stopped (SIGTERM, then SIGKILL) when the block ends."""
    port = free_port()
    error_log = logs / "gunicorn.log"
    command = [str(gunicorn_bin), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
               "--error-logfile", str(error_log), app]
    with error_log.open("ab") as log_file:
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env}, stdout=log_file, stderr=log_file)
    try:
        _wait_until_answering(port, probe_path, process, error_log)
        yield Server(url=f"http://127.0.0.1:{port}", pid=process.pid)
    finally:
        _stop(process)


@contextmanager
def companion(command: list[str], *, env: Mapping[str, str], cwd: Path, log: Path) -> Iterator[int]:
    """Run `command` beside a server for the length of the block (its pid); stopped with SIGTERM, then SIGKILL."""
    with log.open("ab") as log_file:
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env}, stdout=log_file, stderr=log_file)
    try:
        yield process.pid
    finally:
        _stop(process)
        if process.returncode not in (0, -signal.SIGTERM):
            raise RuntimeError(f"{command[0]} stopped with {process.returncode}; see {log}")
