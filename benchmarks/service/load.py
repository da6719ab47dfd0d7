"""The load generator: Debian's `wrk` in a process of its own, bounded in time, driven by `load.lua`.

wrk (C, epoll, keep-alive) needs a fraction of the CPU a Python client would, which matters on a two-core
machine where the two gunicorn workers under test want both cores.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

SCRIPT = Path(__file__).with_name("load.lua")


@dataclass(frozen=True)
class Scenario:
    """One kind of request, sent over and over: `{n}` in `body` becomes a unique number."""

    url: str  # scheme://host:port, no path
    path: str
    method: str = "GET"
    headers: tuple[tuple[str, str], ...] = ()
    body: str | None = None


@dataclass(frozen=True)
class Result:
    """What wrk counted; `failed` sums every kind of error, non-2xx/3xx answers included."""

    requests: int
    seconds: float
    failed: int
    latency_p50_ms: float
    latency_p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def wrk_path() -> str:
    """Where wrk is; it comes from Debian (`apt-get install wrk`)."""
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("wrk is missing: install it with `apt-get install wrk` (Debian's package)")
    return path


def run(scenario: Scenario, *, seconds: int, connections: int, threads: int = 1) -> Result:
    """Send `scenario` for `seconds` over `connections` keep-alive connections and count the answers."""
    env = {
        **os.environ,
        "BENCH_METHOD": scenario.method,
        "BENCH_PATH": scenario.path,
        "BENCH_HEADERS": "\n".join(f"{name}: {value}" for name, value in scenario.headers),
    }
    if scenario.body is not None:
        env["BENCH_BODY"] = scenario.body
    command = [wrk_path(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(SCRIPT), scenario.url]
    completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60, check=True)
    summary = json.loads(completed.stdout.strip().splitlines()[-1])
    failed = sum(summary[key] for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
    return Result(
        requests=summary["requests"],
        seconds=summary["duration_us"] / 1e6,
        failed=failed,
        latency_p50_ms=summary["latency_p50_us"] / 1000,
        latency_p99_ms=summary["latency_p99_us"] / 1000,
    )


def run_spread(scenario: Scenario, urls: tuple[str, ...], *, seconds: int, connections: int) -> Result:
    """`run` against every host of `urls` at once, the connections split between them, as a load balancer
    spreads them; the answers summed. The p50 is the hosts' medians weighted by their answers (near enough for
    hosts alike), the p99 the worst host's."""
    if len(urls) == 1:
        return run(replace(scenario, url=urls[0]), seconds=seconds, connections=connections)
    share = max(1, connections // len(urls))
    with ThreadPoolExecutor(len(urls)) as pool:
        results = list(pool.map(lambda url: run(replace(scenario, url=url), seconds=seconds, connections=share), urls))
    requests = sum(result.requests for result in results)
    return Result(
        requests=requests,
        seconds=max(result.seconds for result in results),
        failed=sum(result.failed for result in results),
        latency_p50_ms=sum(result.latency_p50_ms * result.requests for result in results) / max(requests, 1),
        latency_p99_ms=max(result.latency_p99_ms for result in results),
    )
