"""Several real OS processes share one index: one writer at a time, no lock errors, comments found in 2 s."""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

import pytest
from search_factories import comment, end_processes, page, wait_until

from comments_service.search import WhooshBackend
from comments_service.search.writerlock import writer_lock

WRITERS = 4
READERS = 2
COMMENTS_EACH = 12
LATENCY_GOAL = 2.0
CONTEXT = multiprocessing.get_context("spawn")


class _QueueHandler(logging.Handler):
    """Forwards every error a child logs (the writer thread logs and carries on) to the test."""

    def __init__(self, out: Any) -> None:
        super().__init__(logging.ERROR)
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        self.out.put(("error", os.getpid(), record.getMessage()))


def _token(writer: int, number: int) -> str:
    return f"kenmerk{writer}x{number}"


def _writer(index_dir: Path, writer: int, go: Event, stop: Event, out: Any) -> None:
    logging.getLogger().addHandler(_QueueHandler(out))
    search = WhooshBackend(index_dir, drain_interval=0.2)
    search.start()
    search.search("vergadering")
    out.put(("ready", os.getpid()))
    try:
        go.wait(30)
        for number in range(COMMENTS_EACH):
            search.index([comment(writer * 1000 + number, f"Reactie {_token(writer, number)} over de vergadering")])
            out.put(("written", _token(writer, number), time.time()))
            search.search("vergadering")
            time.sleep(0.05)
        stop.wait(30)  # keep this process's writer thread in the race until the test is done
    except Exception:  # noqa: BLE001 - reported to the test, which fails on it
        out.put(("error", os.getpid(), traceback.format_exc()))
    finally:
        search.close()


def _reader(index_dir: Path, go: Event, stop: Event, out: Any) -> None:
    logging.getLogger().addHandler(_QueueHandler(out))
    search = WhooshBackend(index_dir)
    unseen = {_token(writer, number) for writer in range(WRITERS) for number in range(COMMENTS_EACH)}
    search.search("vergadering")
    out.put(("ready", os.getpid()))
    try:
        go.wait(30)
        while unseen and not stop.is_set():
            for token in sorted(unseen):
                if search.search(token).total:
                    out.put(("seen", token, time.time()))
                    unseen.discard(token)
            time.sleep(0.05)  # a user's pace, not a spin loop: the machine is shared with the writers
    except Exception:  # noqa: BLE001 - reported to the test, which fails on it
        out.put(("error", os.getpid(), traceback.format_exc()))
    finally:
        search.close()


def test_four_writing_processes_and_readers_share_the_index(index_dir: Path) -> None:
    with WhooshBackend(index_dir) as setup:
        setup.rebuild([page("nieuws", "Nieuws over de vergadering")])
    go, stop, out = CONTEXT.Event(), CONTEXT.Event(), CONTEXT.Queue()
    processes = [CONTEXT.Process(target=_writer, args=(index_dir, n, go, stop, out)) for n in range(WRITERS)]
    processes += [CONTEXT.Process(target=_reader, args=(index_dir, go, stop, out)) for _ in range(READERS)]
    for process in processes:
        process.start()
    written: dict[str, float] = {}
    seen: dict[str, list[float]] = {}
    errors: list[tuple[Any, ...]] = []
    expected = WRITERS * COMMENTS_EACH
    try:
        ready = [out.get(timeout=60) for _ in processes]  # spawned children import the service first
        assert all(message[0] == "ready" for message in ready), ready
        go.set()
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and not (
            len(written) == expected and sum(len(times) == READERS for times in seen.values()) == expected
        ):
            try:
                message = out.get(timeout=0.5)
            except queue.Empty:
                continue
            if message[0] == "written":
                written[message[1]] = message[2]
            elif message[0] == "seen":
                seen.setdefault(message[1], []).append(message[2])
            else:
                errors.append(message)
    finally:
        end_processes(processes, stop)

    assert not errors, "\n".join(str(message[-1]) for message in errors)  # each child's whole traceback
    assert len(written) == expected
    assert sorted(seen) == sorted(written)
    latencies = {token: max(times) - written[token] for token, times in seen.items()}
    assert max(latencies.values()) <= LATENCY_GOAL, latencies
    assert [process.exitcode for process in processes] == [0] * len(processes)


def _hold_lock(index_dir: Path, held: Event) -> None:
    with writer_lock(index_dir / "writer.lock", blocking=True):
        held.set()
        time.sleep(60)


def test_when_the_writer_dies_another_process_takes_over(whoosh: WhooshBackend, index_dir: Path) -> None:
    held = CONTEXT.Event()
    holder = CONTEXT.Process(target=_hold_lock, args=(index_dir, held))
    holder.start()
    try:
        assert held.wait(30)
        whoosh.index([comment(1, "Reactie over koffie")])
        assert whoosh.drain() == 0
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.join(10)

    assert wait_until(lambda: whoosh.drain() == 1, timeout=5)
    assert whoosh.search("koffie").total == 1


def _after_fork(search: WhooshBackend, out: Any) -> None:
    search.index([comment(7, "Geschreven na de fork over thee")])
    found = wait_until(lambda: search.search("thee").total == 1, timeout=5)
    writer_threads = sorted(thread.name for thread in threading.enumerate() if thread.name.startswith("plein-search-"))
    out.put((found, writer_threads))


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_worker_gets_its_own_searcher_and_writer_threads(open_backend: Callable[..., WhooshBackend]) -> None:
    """gunicorn's preload: the app (and its backend) is made in the master, then workers are forked."""
    search = open_backend(drain_interval=0.05, refresh_interval=0.0)
    search.rebuild([comment(1, "Voor de fork over koffie")])
    search.start()
    assert search.search("koffie").total == 1  # the parent has a searcher open
    fork = multiprocessing.get_context("fork")
    out = fork.Queue()
    child = fork.Process(target=_after_fork, args=(search, out))
    child.start()
    try:
        # threads do not survive fork: the drain and merge threads in the child were started there
        assert out.get(timeout=20) == (True, ["plein-search-drainer", "plein-search-merger"])
    finally:
        child.join(10)
    assert child.exitcode == 0
    assert wait_until(lambda: search.search("thee").total == 1, timeout=2)
