"""Documents, drains and waits shared by the search tests."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event

from comments_service.search import SearchBackend, SearchDocument, SearchResults, comment_doc_id, page_doc_id

EPOCH = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def page(page_id: str, text: str, *, title: str = "Pagina", language: str = "nl", hashtags: tuple[str, ...] = (),
         day: int = 0) -> SearchDocument:
    """A page document as the manifest would give it."""
    return SearchDocument(
        doc_id=page_doc_id(page_id), kind="page", page_id=page_id, title=title, url=f"{page_id}/", text=text,
        language=language, hashtags=hashtags, author=None, created=EPOCH + timedelta(days=day),
    )


def comment(comment_id: int, text: str, *, page_id: str = "nieuws", language: str = "nl",
            hashtags: tuple[str, ...] = (), day: int = 0, author: str = "Sanne") -> SearchDocument:
    """A comment document as the service would build it."""
    return SearchDocument(
        doc_id=comment_doc_id(comment_id), kind="comment", page_id=page_id, title="Nieuws",
        url=f"{page_id}/#comment-{comment_id}", text=text, language=language, hashtags=hashtags, author=author,
        created=EPOCH + timedelta(days=day),
    )


def wait_until(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll `check` until it holds or `timeout` passes; the bounded wait every async test uses."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return check()


def drain_each(backend: SearchBackend, *batches: list[SearchDocument]) -> None:
    """Index each batch and drain it: with Whoosh, one segment per batch."""
    for batch in batches:
        backend.index(batch)
        backend.drain()


def ids(results: SearchResults) -> list[str]:
    """The doc ids of a result page, in order."""
    return [hit.doc_id for hit in results.hits]


def end_processes(processes: Sequence[BaseProcess], stop: Event) -> None:
    """Ask the test's child processes to stop, wait for each a while, and kill one that does not."""
    stop.set()
    for process in processes:
        process.join(15)
        if process.is_alive():
            process.kill()
            process.join(5)
