"""How soon a mention reaches its person while wrk writes comments as fast as the server takes them.

A probe thread makes a colleague of its own about once a second (a first visit, with an e-mail address), posts a
comment that mentions them, and asks `/api/me` as them every 50 ms until the bell counts it: visible in the page
(goal 2 s). A real SMTP server on 127.0.0.1 (aiosmtpd) notes when each mail arrives; a probe's mail must be
handed to it within 60 s of the post, through the service's job worker (`flask jobs`), under the same load.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from benchmarks.service.client import JsonClient
from benchmarks.service.freshness import GIVE_UP_S, POLL_S, PROBE_EVERY_S
from benchmarks.service.paced import paced
from benchmarks.service.servers import free_port

MAIL_GOAL_S = 60.0
VISIBLE_GOAL_S = 2.0
MAIL_DOMAIN = "bench.test"


class MailSink:
    """An SMTP server on 127.0.0.1 that keeps, per recipient, when their first mail arrived."""

    def __init__(self) -> None:
        self.port = free_port()
        self.arrived: dict[str, float] = {}
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 - aiosmtpd
        now = time.monotonic()
        for address in envelope.rcpt_tos:
            self.arrived.setdefault(address.lower(), now)
        return "250 OK"

    def __enter__(self) -> MailSink:
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()


@dataclass
class MentionDelays:
    """Per probe: seconds until the bell counted the mention, and until its mail arrived (None: not in time)."""

    visible: list[float | None] = field(default_factory=list)
    mailed: list[float | None] = field(default_factory=list)

    def summary(self) -> str:
        def line(name: str, delays: list[float | None], goal: float) -> str:
            found = sorted(delay for delay in delays if delay is not None)
            if not found:
                return f"{name}: none of {len(delays)} within the time"
            verdict = "met" if len(found) == len(delays) and found[-1] <= goal else "MISSED"
            return (f"{name}: median {found[len(found) // 2]:.2f} s, max {found[-1]:.2f} s over {len(delays)} probes "
                    f"({len(found)} in time; goal ≤ {goal:g} s: {verdict})")

        return (line("a mention counted by the bell", self.visible, VISIBLE_GOAL_S) + "; "
                + line("its mail handed to SMTP", self.mailed, MAIL_GOAL_S))


def person_headers(person_id: str) -> dict[str, str]:
    """The proxy's headers for a colleague with an address at the sink's domain."""
    return {"X-Plein-User": person_id, "X-Plein-Name": f"Collega {person_id}",
            "X-Plein-Email": f"{person_id}@{MAIL_DOMAIN}"}


def visit(url: str, person_id: str) -> None:
    """A first visit: from now on the service knows the person (and can resolve @person_id)."""
    client = JsonClient(url, person_headers(person_id))
    try:
        client.request("GET", "/api/me", expect=200)
    finally:
        client.close()


def _probe_once(url: str, writer: JsonClient, write_path: str, number: int) -> tuple[float | None, str, float]:
    person_id = f"probe{number}"
    visit(url, person_id)
    reader = JsonClient(url, person_headers(person_id))
    try:
        started = time.monotonic()
        writer.request("POST", write_path, {"text": f"Vraag voor @{person_id}: kun je meekijken?"}, expect=201)
        while time.monotonic() - started < GIVE_UP_S:
            if reader.request("GET", "/api/me", expect=200).body["unread"] >= 1:
                return time.monotonic() - started, person_id, started
            time.sleep(POLL_S)
        return None, person_id, started
    finally:
        reader.close()


@contextmanager
def probing_mentions(url: str, write_path: str, headers: tuple[tuple[str, str], ...],
                     sink: MailSink) -> Iterator[MentionDelays]:
    """Probe in a background thread while the block runs; afterwards wait (at most 60 s) for the mails."""
    result = MentionDelays()
    posted: list[tuple[str, float]] = []
    sink.arrived.clear()  # each round's probes are probe0, probe1, ... again

    def step(writer: JsonClient, number: int) -> None:
        delay, person_id, started = _probe_once(url, writer, write_path, number)
        result.visible.append(delay)
        posted.append((person_id, started))

    try:
        with paced(url, headers, step, every_s=PROBE_EVERY_S, name="mention-probe", join_s=GIVE_UP_S + 5):
            yield result
    finally:
        deadline = max((started for _, started in posted), default=time.monotonic()) + MAIL_GOAL_S
        addresses = [f"{person_id}@{MAIL_DOMAIN}" for person_id, _ in posted]
        while time.monotonic() < deadline and not all(address in sink.arrived for address in addresses):
            time.sleep(0.2)
        for (_, started), address in zip(posted, addresses, strict=True):
            arrived = sink.arrived.get(address)
            took = arrived - started if arrived is not None else None
            result.mailed.append(took if took is not None and 0 <= took <= MAIL_GOAL_S else None)
