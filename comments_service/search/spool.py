"""A durable queue of index changes on disk, shared by every worker process.

Any process appends a change as one JSON file, written under a temporary name and then `os.replace`d into
the spool, so the single writer only ever sees whole files. Names start with the wall clock in nanoseconds,
so sorting them replays changes in the order they were made; the writer deletes files only after the index
commit that contains them, so a crash replays them (adding and removing are idempotent).
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .documents import SearchDocument

log = logging.getLogger(__name__)

_TMP_PREFIX = ".tmp-"


@dataclass(frozen=True)
class Change:
    """Add (or replace) some documents, or remove some ids."""

    op: Literal["add", "remove"]
    docs: tuple[SearchDocument, ...] = ()
    doc_ids: tuple[str, ...] = ()

    def to_json(self) -> str:
        """One spool file's content."""
        return json.dumps(
            {"op": self.op, "docs": [doc.to_dict() for doc in self.docs], "doc_ids": list(self.doc_ids)},
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, raw: str) -> Change:
        """Parse a spool file; raises ValueError, KeyError or TypeError when it is not one."""
        data = json.loads(raw)
        if data["op"] not in ("add", "remove"):
            raise ValueError(f"unknown spool operation {data['op']!r}")
        return cls(
            op=data["op"],
            docs=tuple(SearchDocument.from_dict(doc) for doc in data["docs"]),
            doc_ids=tuple(data["doc_ids"]),
        )


def coalesce(changes: Iterable[Change]) -> dict[str, SearchDocument | None]:
    """The final state per doc id after replaying `changes` in order: a document, or None when removed.

    Whoosh cannot delete a document added earlier in the same uncommitted writer, so the writer applies
    only this net result: a remove queued after an add wins even inside one batch.
    """
    final: dict[str, SearchDocument | None] = {}
    for change in changes:
        if change.op == "add":
            for doc in change.docs:
                final.pop(doc.doc_id, None)
                final[doc.doc_id] = doc
        else:
            for doc_id in change.doc_ids:
                final.pop(doc_id, None)
                final[doc_id] = None
    return final


class Spool:
    """The `spool/` directory: `put` from anywhere, `pending` and `ack` only under the writer lock."""

    def __init__(self, directory: Path, *, fsync: bool = True) -> None:
        self.directory = directory
        self.fsync = fsync
        self._bad = directory / "bad"
        self._counter = itertools.count()
        self._counter_lock = threading.Lock()
        directory.mkdir(parents=True, exist_ok=True)

    def put(self, change: Change) -> Path:
        """Queue a change; once this returns it survives a crash of this process."""
        with self._counter_lock:
            seq = next(self._counter)
        name = f"{time.time_ns():020d}-{os.getpid()}-{threading.get_ident()}-{seq:08d}.json"
        tmp = self.directory / f"{_TMP_PREFIX}{name}"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(change.to_json())
            if self.fsync:
                handle.flush()
                os.fsync(handle.fileno())
        final = self.directory / name
        os.replace(tmp, final)
        return final

    def pending(self, limit: int) -> list[tuple[Path, Change]]:
        """The oldest `limit` changes in order; unreadable files are moved to `spool/bad/` and logged."""
        batch: list[tuple[Path, Change]] = []
        for name in self._names()[:limit]:
            path = self.directory / name
            try:
                batch.append((path, Change.from_json(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError) as error:
                log.error("search spool: setting aside unreadable change %s: %s", name, error)
                self._set_aside(path)
        return batch

    def ack(self, paths: Iterable[Path]) -> None:
        """Forget changes that are committed to the index."""
        for path in paths:
            path.unlink(missing_ok=True)

    def __len__(self) -> int:
        return len(self._names())

    def _names(self) -> list[str]:
        """Whole change files, oldest first (temporary files are still being written)."""
        return sorted(
            name for name in os.listdir(self.directory) if name.endswith(".json") and not name.startswith(_TMP_PREFIX)
        )

    def _set_aside(self, path: Path) -> None:
        self._bad.mkdir(exist_ok=True)
        try:
            os.replace(path, self._bad / path.name)
        except OSError:
            path.unlink(missing_ok=True)
