"""Start a WSGI app under gunicorn (2 sync workers, 127.0.0.1) for the length of a `with` block."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

WORKERS = 2
START_TIMEOUT_S = 60.0


def free_port() -> int:
    """A port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


@contextmanager
def gunicorn(
    gunicorn_bin: Path, app: str, *, port: int, env: Mapping[str, str], cwd: Path, log: Path, probe_path: str = "/"
) -> Iterator[str]:
    """Run `gunicorn app` and yield its base URL; stopped (SIGTERM, then SIGKILL) when the block ends."""
    command = [str(gunicorn_bin), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
               "--log-level", "warning", "--error-logfile", str(log), app]
    with log.open("ab") as log_file:
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env}, stdout=log_file, stderr=log_file)
    try:
        _wait_until_answering(port, probe_path, process, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
