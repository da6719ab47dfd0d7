"""Keeps the search index in step with the database: what the service tells `comments_service.search`.

The index is derived data. Everything in it comes from here: pages (their text as the last sync stored
it) and visible comments on live pages. A comment's change queues the comment in `search_queue` inside
its own transaction (one small insert, so a write never waits on search and no change is lost between the
commit and the index); the process that is the index's writer takes the queue in bulk at its next drain.
Syncs reach the index through the backend's spool after they commit, and `flask reindex` or a
missing/damaged index rebuilds it whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator

from flask import Flask
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from . import db
from .clock import utcnow
from .models import Comment, HashtagUse, Page, PageAlias, SearchQueue
from .prepared import Prepared, parameters_named
from .search import Apply, PostgresBackend, SearchBackend, SearchDocument, SqliteBackend, comment_doc_id, page_doc_id
from .search.commands import indexer_command, reindex_command
from .search.sqlite_backend import drain_lock_of
from .search.views import EXTENSION, Opener, init_search
from .services.indexable import visible_comments
from .signals import comment_written, pages_synced
from .sync import SyncSummary

QUEUE_BATCH = 5000
"""Queued comments taken per drain; more wait for the next one, a second later."""
_QUEUE_COMMENT = Prepared(insert(SearchQueue).values(parameters_named("comment_id", "queued_at")))


def page_documents(session: Session, identities: Collection[str] | None = None) -> Iterator[SearchDocument]:
    """A document per live page (or per live page among ``identities``), with the page's own hashtags."""
    statement = select(Page).where(Page.archived.is_(False)).order_by(Page.pk)
    if identities is not None:
        statement = statement.where(Page.identity.in_(list(identities)))
    pages = session.scalars(statement).all()
    tags: dict[int, list[str]] = defaultdict(list)
    for page_pk, slug in session.execute(
        select(HashtagUse.page_pk, HashtagUse.slug)
        .where(HashtagUse.comment_id.is_(None), HashtagUse.page_pk.in_([page.pk for page in pages]))
        .order_by(HashtagUse.id)
    ):
        tags[page_pk].append(slug)
    for page in pages:
        yield SearchDocument(
            doc_id=page_doc_id(page.identity),
            kind="page",
            page_id=page.identity,
            title=page.title,
            url=page.url,
            text=page.text or "",
            language=page.language or "nl",
            hashtags=tuple(tags[page.pk]),
            created=page.updated,
        )


def comment_documents(session: Session, comment_ids: Collection[int] | None = None) -> Iterator[SearchDocument]:
    """A document per visible comment on a live page (or per such comment among ``comment_ids``)."""
    for comment in visible_comments(session, comment_ids):
        yield SearchDocument(
            doc_id=comment_doc_id(comment.id),
            kind="comment",
            page_id=comment.page_id,
            title=comment.page_title,
            url=comment.url,
            text=comment.text,
            language=comment.language or "nl",
            hashtags=comment.hashtags,
            author=comment.author,
            created=comment.created,
        )


def all_documents() -> Iterator[SearchDocument]:
    """Everything the index should hold; runs inside an app context."""
    session = db.session()
    yield from page_documents(session)
    yield from comment_documents(session)


def _backend(app: Flask) -> SearchBackend:
    return app.extensions[EXTENSION]


def _comment_ids_of(session: Session, identities: Collection[str]) -> list[int]:
    return list(
        session.scalars(
            select(Comment.id).join(Page, Page.pk == Comment.page_pk).where(Page.identity.in_(list(identities)))
        )
    )


def on_comment_written(app: Flask, *, session: Session, comment_id: int, **_: object) -> None:
    """Queue the comment for the index in the transaction that changes it (whatever the change)."""
    _QUEUE_COMMENT.execute(session, {"comment_id": comment_id, "queued_at": utcnow()})


def take_queued_comments(app: Flask, apply: Apply) -> int:
    """Commit queued comments to the index: visible ones as documents, others as removals; returns how many.

    Runs in the writer's drain, under its lock. The queue rows go only after the index has the change,
    so a crash in between indexes them twice, which changes nothing.
    """
    with app.app_context():
        session = db.session()
        queued = session.execute(
            select(SearchQueue.id, SearchQueue.comment_id).order_by(SearchQueue.id).limit(QUEUE_BATCH)
        ).all()
        if not queued:
            return 0
        comment_ids = {comment_id for _, comment_id in queued}
        changes: dict[str, SearchDocument | None] = {comment_doc_id(id_): None for id_ in sorted(comment_ids)}
        changes.update((doc.doc_id, doc) for doc in comment_documents(session, comment_ids))
        if not apply(changes):
            return 0
        with db.transaction():
            session.execute(delete(SearchQueue).where(SearchQueue.id.in_([queue_id for queue_id, _ in queued])))
        return len(queued)


def on_pages_synced(app: Flask, *, summary: SyncSummary) -> None:
    """Follow a sync: re-index changed, moved and restored pages with their comments; drop archived ones.

    Unchanged pages are not touched. The comments of moved and updated pages are indexed again, since
    their permalinks contain the page's URL; a moved page's former identities' page documents go.
    """
    session = db.session()
    backend = _backend(app)
    if summary.archived_ids:
        backend.remove(
            [page_doc_id(identity) for identity in summary.archived_ids]
            + [comment_doc_id(id_) for id_ in _comment_ids_of(session, summary.archived_ids)]
        )
    if summary.moved_ids:
        former = session.scalars(
            select(PageAlias.alias).join(Page, Page.pk == PageAlias.page_pk).where(Page.identity.in_(summary.moved_ids))
        )
        backend.remove([page_doc_id(alias) for alias in former])
    with_comments = set(summary.moved_ids) | set(summary.restored_ids) | set(summary.updated_ids)
    pages = set(summary.text_changed) | with_comments
    if pages:
        backend.index(list(page_documents(session, pages)))
    if with_comments:
        backend.index(list(comment_documents(session, _comment_ids_of(session, with_comments))))


def _database_opener(app: Flask) -> Opener:
    """Full text in the service's own database: SQLite's FTS5 or PostgreSQL's (`PLEIN_SEARCH_BACKEND`)."""
    with app.app_context():
        engine = db.engine()
    if engine.dialect.name == "postgresql":
        return lambda feed, _on_needs_rebuild: PostgresBackend(engine, feed=feed)
    database = engine.url.database
    drain_lock = drain_lock_of(database) if database and database != ":memory:" else None
    return lambda feed, _on_needs_rebuild: SqliteBackend(engine, drain_lock=drain_lock, feed=feed)


def init_app(app: Flask) -> None:
    """Open (or rebuild) the index, follow the service's signals, add `flask reindex` and `flask search-indexer`."""
    in_database = app.extensions["plein"].search_backend in ("sqlite", "postgres")
    init_search(
        app,
        all_documents,
        feed=lambda apply: take_queued_comments(app, apply),
        open_backend=_database_opener(app) if in_database else None,
    )
    comment_written.connect(on_comment_written, app, weak=False)
    pages_synced.connect(on_pages_synced, app, weak=False)
    app.cli.add_command(reindex_command(all_documents))
    app.cli.add_command(indexer_command())
