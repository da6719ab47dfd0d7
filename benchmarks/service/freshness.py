"""How soon a new comment is findable while wrk writes comments as fast as the server takes them.

A probe thread posts a comment with a word of its own about once a second, then asks `/api/search` for that
word every 50 ms until the comment is among the results. Its requests queue behind wrk's like anyone's, so the
delay includes the write's own wait under load. The goal (from the search issue) is 2 s.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from benchmarks.service.client import JsonClient
from benchmarks.service.paced import paced

LETTERS = "bcdfgklmpqrvwxz"  # none that a stemmer strips as an ending (e, n, s, t, ...)
POLL_S = 0.05
GIVE_UP_S = 10.0
PROBE_EVERY_S = 1.0


def probe_word(number: int) -> str:
    """A word no other comment has (consonants only, so neither a stemmer nor a tokenizer changes it)."""
    letters = ""
    while True:
        number, digit = divmod(number, len(LETTERS))
        letters += LETTERS[digit]
        if number == 0:
            return f"versheidsproef{letters}"


@dataclass
class Freshness:
    """Seconds from posting each probe comment to its first appearance in search (None: not within 10 s)."""

    delays: list[float | None] = field(default_factory=list)

    @property
    def found(self) -> list[float]:
        return sorted(delay for delay in self.delays if delay is not None)

    def summary(self) -> str:
        found = self.found
        if not found:
            return f"{len(self.delays)} probes, none found within {GIVE_UP_S:g} s"
        missing = len(self.delays) - len(found)
        return (f"{len(self.delays)} probes: median {found[len(found) // 2]:.2f} s, max {found[-1]:.2f} s"
                + (f", {missing} not found within {GIVE_UP_S:g} s" if missing else ""))


def _probe_once(client: JsonClient, reader: JsonClient, write_path: str, number: int) -> float | None:
    word = probe_word(number)
    started = time.monotonic()
    created = client.request("POST", write_path, {"text": f"Proef {word}", "parent_id": None}, expect=201)
    doc_id = f"comment:{created.body['id']}"
    while time.monotonic() - started < GIVE_UP_S:
        answer = reader.request("GET", f"/api/search?q={word}&kind=comment", expect=200)
        if any(hit["doc_id"] == doc_id for hit in answer.body["results"]):
            return time.monotonic() - started
        time.sleep(POLL_S)
    return None


@contextmanager
def probing(url: str, write_path: str, headers: tuple[tuple[str, str], ...],
            search_url: str | None = None) -> Iterator[Freshness]:
    """Probe in a background thread for as long as the block runs (the load runs inside it); with `search_url`
    (another host), write through `url` and search through that one."""
    result = Freshness()
    reader = JsonClient(search_url, dict(headers)) if search_url else None

    def step(client: JsonClient, number: int) -> None:
        result.delays.append(_probe_once(client, reader or client, write_path, number))

    try:
        with paced(url, headers, step, every_s=PROBE_EVERY_S, name="freshness-probe", join_s=GIVE_UP_S + 5):
            yield result
    finally:
        if reader is not None:
            reader.close()
