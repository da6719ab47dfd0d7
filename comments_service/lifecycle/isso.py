"""Reading an Isso database (SQLite): its threads, keyed by the page's path, and their comments.

Isso's schema: ``threads(id, uri, title)`` and ``comments(tid, id, parent, created, modified, mode, remote_addr,
text, author, email, website, likes, dislikes, voters)``; ``created`` and ``modified`` are Unix times, ``text``
is Markdown, ``mode`` 1 is accepted, 2 waits for moderation (imported hidden), 4 deleted (imported removed).
Likes, votes and addresses are not carried over: Plein's reactions name people, Isso's votes do not.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..models import CommentState
from .addresses import Addresses
from .importer import Incoming, parents_first

SOURCE = "isso"
_STATES = {1: CommentState.VISIBLE.value, 2: CommentState.HIDDEN.value, 4: CommentState.REMOVED.value}


class SourceError(Exception):
    """A file that is not what the import expects, with a sentence that says why."""


def read_isso(path: Path, addresses: Addresses) -> list[Incoming]:
    """Every comment of the Isso database at ``path``, parents first."""
    if not path.is_file():
        raise SourceError(f"{path} is no file")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise SourceError(f"{path}: {error}") from None
    try:
        return list(parents_first(_comments(connection, addresses)))
    except sqlite3.DatabaseError as error:
        raise SourceError(f"{path} is no Isso database: {error}") from None
    finally:
        connection.close()


def _comments(connection: sqlite3.Connection, addresses: Addresses) -> Iterator[Incoming]:
    rows = connection.execute(
        "SELECT comments.id, comments.parent, comments.created, comments.modified, comments.mode, comments.text,"
        " comments.author, comments.email, threads.uri FROM comments JOIN threads ON threads.id = comments.tid"
        " ORDER BY comments.id"
    )
    for comment_id, parent, created, modified, mode, text, author, email, uri in rows:
        state = _STATES.get(mode, CommentState.HIDDEN.value)
        removed = _moment(modified or created) if state == CommentState.REMOVED.value else None
        yield Incoming(
            source=SOURCE, source_id=str(comment_id), page=addresses.page_of(uri or ""),
            parent_source_id=str(parent) if parent is not None else None,
            author_name=author or "", author_email=email, text=text or "",
            created=_moment(created), state=state,
            edited=_moment(modified) if modified and state == CommentState.VISIBLE.value else None,
            removed_at=removed,
        )


def _moment(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(float(seconds), dt.UTC)
