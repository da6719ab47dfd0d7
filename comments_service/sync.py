"""Bring the service in step with a build: the manifest (``site/plein/manifest.json``) says which pages exist.

Shared by ``flask --app comments_service sync <manifest.json>`` and ``POST /api/sync``:

- a page not seen before is created;
- a page whose identity changed, listing the old one in ``former_ids``, takes over the old page's
  conversation (comments, reactions, hashtag uses); the old identity becomes an alias;
- a page missing from the manifest is archived (never deleted) and restored when it comes back;
- running the same manifest twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import delete, false, select, text, update
from sqlalchemy.orm import Session, aliased

from . import db
from .models import (
    LANGUAGE_MAX,
    NAME_MAX,
    PAGE_ID_MAX,
    SLUG_MAX,
    TEXT_HASH_MAX,
    TITLE_MAX,
    URL_MAX,
    Comment,
    HashtagUse,
    Page,
    PageAlias,
    PageOwner,
    Reaction,
)
from .clock import utcnow
from .notifications.follows import move_page_follows
from .notifications.models import Notification
from .services.owners import unreached_owners
from .services.pages import touch
from .signals import pages_synced, pages_syncing, the_app


class ManifestError(ValueError):
    """The manifest is not the documented format."""


@dataclass(frozen=True)
class ManifestPage:
    """The fields of a manifest page the service keeps."""

    id: str
    url: str
    title: str
    language: str | None
    text_hash: str | None
    text: str | None
    updated: dt.datetime | None
    hashtags: tuple[str, ...]
    former_ids: tuple[str, ...]
    owners: tuple[str, ...] = ()
    announcement: Mapping[str, Any] | None = None  # front matter `announcement:`, checked by the announcements package


@dataclass
class SyncSummary:
    """What a sync did: counts, and the ids search needs to follow (``text_changed``: pages, new ones
    too, whose text hash changed; ``moved_ids``, ``archived_ids``, ``restored_ids``: pages whose
    conversation moved to them, went into the archive or came back; ``updated_ids``: other pages with a
    changed field, such as their URL); and the owner names that reach no one the service knows
    (``unreached_owners``, ``services.owners``), so a build's log shows whose comments would reach no owner."""

    created: int = 0
    updated: int = 0
    moved: int = 0
    archived: int = 0
    restored: int = 0
    unchanged: int = 0
    text_changed: list[str] = field(default_factory=list)
    moved_ids: list[str] = field(default_factory=list)
    archived_ids: list[str] = field(default_factory=list)
    restored_ids: list[str] = field(default_factory=list)
    updated_ids: list[str] = field(default_factory=list)
    unreached_owners: list[str] = field(default_factory=list)  # services.owners: names that reach nobody yet

    def as_json(self) -> dict[str, Any]:
        """The summary as the command prints it and the endpoint answers."""
        return asdict(self)


def _invalid(entry: Mapping[str, Any], name: str, must: str) -> ManifestError:
    return ManifestError(f"page {str(entry.get('id'))[:80]!r}: {name!r} must {must}")


def _required(entry: Mapping[str, Any], name: str, longest: int) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not 0 < len(value) <= longest:
        raise _invalid(entry, name, f"be a string of 1 to {longest} characters")
    return value


def _optional(entry: Mapping[str, Any], name: str, longest: int) -> str | None:
    value = entry.get(name)
    if value is not None and (not isinstance(value, str) or len(value) > longest):
        raise _invalid(entry, name, f"be null or at most {longest} characters")
    return value


def _strings(entry: Mapping[str, Any], name: str, longest: int) -> tuple[str, ...]:
    value = entry.get(name) or []
    if not isinstance(value, list) or not all(isinstance(item, str) and 0 < len(item) <= longest for item in value):
        raise _invalid(entry, name, f"list strings of 1 to {longest} characters")
    return tuple(dict.fromkeys(value))


def _text(entry: Mapping[str, Any]) -> str | None:
    value = entry.get("text")
    if value is not None and not isinstance(value, str):
        raise _invalid(entry, "text", "be null or a string")
    return value


def _mapping(entry: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    value = entry.get(name)
    if value is not None and not isinstance(value, Mapping):
        raise _invalid(entry, name, "be null or an object")
    return value


def _date(entry: Mapping[str, Any], name: str) -> dt.datetime | None:
    value = entry.get(name)
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise _invalid(entry, name, "be null or an ISO 8601 date and time")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def parse_manifest(manifest: object) -> list[ManifestPage]:
    """The manifest's pages, validated; :class:`ManifestError` says what is wrong."""
    if not isinstance(manifest, Mapping) or manifest.get("version") != 1:
        raise ManifestError("not a version 1 Plein manifest")
    entries = manifest.get("pages")
    if not isinstance(entries, list) or not all(isinstance(entry, Mapping) for entry in entries):
        raise ManifestError("'pages' must be a list of objects")
    pages = [
        ManifestPage(
            id=_required(entry, "id", PAGE_ID_MAX),
            url=_optional(entry, "url", URL_MAX) or "",
            title=_required(entry, "title", TITLE_MAX),
            language=_optional(entry, "language", LANGUAGE_MAX),
            text_hash=_optional(entry, "text_hash", TEXT_HASH_MAX),
            text=_text(entry),
            updated=_date(entry, "updated") or _date(entry, "created"),
            hashtags=_strings(entry, "hashtags", SLUG_MAX),
            former_ids=_strings(entry, "former_ids", PAGE_ID_MAX),
            owners=_strings(entry, "owners", NAME_MAX),
            announcement=_mapping(entry, "announcement"),
        )
        for entry in entries
    ]
    ids = [page.id for page in pages]
    if len(set(ids)) != len(ids):
        raise ManifestError("a page id is listed twice")
    return pages


def _merge(session: Session, old: Page, target: Page) -> None:
    """Move ``old``'s conversation onto ``target`` and drop the emptied row (its identity becomes an alias).

    A page reaction both pages have from the same person is kept once.
    """
    kept = aliased(Reaction)
    session.execute(
        delete(Reaction).where(
            Reaction.page_pk == old.pk,
            Reaction.comment_id.is_(None),
            select(kept.id)
            .where(
                kept.page_pk == target.pk,
                kept.comment_id.is_(None),
                kept.person_id == Reaction.person_id,
                kept.emoji == Reaction.emoji,
            )
            .exists(),
        )
    )
    session.execute(update(Comment).where(Comment.page_pk == old.pk).values(page_pk=target.pk))
    session.execute(update(Reaction).where(Reaction.page_pk == old.pk).values(page_pk=target.pk))
    session.execute(delete(HashtagUse).where(HashtagUse.page_pk == old.pk, HashtagUse.comment_id.is_(None)))
    session.execute(update(HashtagUse).where(HashtagUse.page_pk == old.pk).values(page_pk=target.pk))
    session.execute(update(PageAlias).where(PageAlias.page_pk == old.pk).values(page_pk=target.pk))
    session.execute(update(Notification).where(Notification.page_pk == old.pk).values(page_pk=target.pk))
    move_page_follows(session, old.pk, target.pk)
    session.delete(old)
    session.flush()


def _apply(page: Page, entry: ManifestPage) -> bool:
    """Copy the manifest's fields onto ``page``; whether anything changed."""
    changed = False
    for name in ("url", "title", "language", "text_hash", "text", "updated"):
        if getattr(page, name) != getattr(entry, name):
            setattr(page, name, getattr(entry, name))
            changed = True
    return changed


class _Sync:
    """One sync run: the stored pages, aliases and page hashtags, loaded once (three queries)."""

    def __init__(self, session: Session, entries: list[ManifestPage]) -> None:
        self.session = session
        self.listed = {entry.id for entry in entries}
        self.pages = {page.identity: page for page in session.scalars(select(Page))}
        self.aliases = {alias.alias: alias for alias in session.scalars(select(PageAlias))}
        self.page_owners: dict[int, set[str]] = defaultdict(set)
        for page_pk, owner in session.execute(select(PageOwner.page_pk, PageOwner.owner)):
            self.page_owners[page_pk].add(owner)
        self.page_tags: dict[int, set[str]] = defaultdict(set)
        for page_pk, slug in session.execute(
            select(HashtagUse.page_pk, HashtagUse.slug).where(HashtagUse.comment_id.is_(None))
        ):
            self.page_tags[page_pk].add(slug)
        self.summary = SyncSummary()

    def formers(self, entry: ManifestPage) -> list[str]:
        """Former identities that are not pages of this build in their own right."""
        return [former for former in entry.former_ids if former != entry.id and former not in self.listed]

    def claim_former_pages(self, entry: ManifestPage, page: Page | None) -> tuple[Page | None, bool]:
        """The first stored former page is renamed to the entry (when it has no page yet); others merge in."""
        moved = False
        for former in self.formers(entry):
            old = self.pages.pop(former, None)
            if old is None:
                continue
            if page is None:
                old.identity = entry.id
                page = self.pages[entry.id] = old
            else:
                _merge(self.session, old, page)
            moved = True
        return page, moved

    def set_page_hashtags(self, page: Page, entry: ManifestPage) -> bool:
        """Store the page's own hashtags; whether they changed.

        For trends a page's hashtag is used when the page got it: a hashtag the page keeps keeps its date, a new
        one is dated when the page last changed (its last commit; the sync's time when the build had no date).
        """
        stored = self.page_tags[page.pk]
        wanted = list(dict.fromkeys(entry.hashtags))
        if set(wanted) == stored:
            return False
        if gone := stored.difference(wanted):
            self.session.execute(
                delete(HashtagUse).where(
                    HashtagUse.page_pk == page.pk, HashtagUse.comment_id.is_(None), HashtagUse.slug.in_(gone)
                )
            )
        when = entry.updated or utcnow()
        self.session.add_all(
            HashtagUse(slug=slug, page_pk=page.pk, created=when) for slug in wanted if slug not in stored
        )
        return True

    def set_page_owners(self, page: Page, entry: ManifestPage) -> None:
        """Store the owners the page's front matter names (people by id or e-mail, or groups).

        New owners change what the page's thread says (who may mark a question's best answer), so a change counts
        as a change of the conversation: its ETag moves."""
        stored, wanted = self.page_owners[page.pk], set(entry.owners)
        if gone := stored - wanted:
            self.session.execute(delete(PageOwner).where(PageOwner.page_pk == page.pk, PageOwner.owner.in_(gone)))
        self.session.add_all(PageOwner(page_pk=page.pk, owner=owner) for owner in wanted - stored)
        if stored != wanted:
            page.version = (page.version or 0) + 1

    def record_aliases(self, page: Page, entry: ManifestPage) -> None:
        """Every former identity of the entry now leads to its page."""
        for former in self.formers(entry):
            alias = self.aliases.get(former)
            if alias is None:
                alias = self.aliases[former] = PageAlias(alias=former, page_pk=page.pk)
                self.session.add(alias)
            alias.page_pk = page.pk

    def apply(self, entry: ManifestPage) -> None:
        """Bring one page in step and count the outcome."""
        page, moved = self.claim_former_pages(entry, self.pages.get(entry.id))
        is_new = page is None
        if page is None:
            page = self.pages[entry.id] = Page(identity=entry.id, url=entry.url, title=entry.title, archived=False)
            self.session.add(page)
        text_changed = is_new or page.text_hash != entry.text_hash
        changed = _apply(page, entry)
        restored = page.archived
        page.archived = False
        self.session.flush()
        changed = self.set_page_hashtags(page, entry) or changed
        self.set_page_owners(page, entry)
        self.record_aliases(page, entry)
        if text_changed:
            self.summary.text_changed.append(entry.id)
        if is_new:
            self.summary.created += 1
            return
        if moved:
            self.summary.moved += 1
            self.summary.moved_ids.append(entry.id)
        elif restored:
            self.summary.restored += 1
            self.summary.restored_ids.append(entry.id)
        elif changed:
            self.summary.updated += 1
            self.summary.updated_ids.append(entry.id)
        else:
            self.summary.unchanged += 1
            return
        touch(self.session, page.pk)

    def archive_missing(self) -> None:
        """Archive (never delete) every stored page the build no longer has."""
        for identity, page in self.pages.items():
            if identity not in self.listed and not page.archived:
                page.archived = True
                touch(self.session, page.pk)
                self.summary.archived += 1
                self.summary.archived_ids.append(identity)


_SYNCS_TAKE_TURNS = text("SELECT pg_advisory_xact_lock(CAST(CAST('pages' AS regclass) AS oid)::bigint)")
"""PostgreSQL: one sync at a time; keyed on the pages table's oid, so installs in other schemas do not share it."""


def one_sync_at_a_time(session: Session) -> None:
    """Wait until no other sync runs, and keep others waiting until this transaction ends.

    Two builds of quick pushes may sync at the same moment; each read the stored pages before the other wrote
    them, so both inserted the new ones and the later answered 409, failing its CI job. Taking turns, the second
    applies its manifest to what the first stored. On SQLite the transaction's first statement is a write (one
    that changes nothing), which takes the one write lock before anything is read.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(_SYNCS_TAKE_TURNS)
    else:
        connection.execute(update(Page).where(false()).values(pk=Page.pk))


def sync_manifest(session: Session, manifest: object) -> SyncSummary:
    """Apply the manifest to the database (the caller commits) and say what changed."""
    entries = parse_manifest(manifest)
    one_sync_at_a_time(session)
    run = _Sync(session, entries)
    for entry in entries:
        run.apply(entry)
    run.archive_missing()
    pages_syncing.send(the_app(), session=session, entries=entries, pages=run.pages)
    # An identity that is a page of this build again is no longer an alias of another page.
    session.execute(delete(PageAlias).where(PageAlias.alias.in_(run.listed)))
    session.flush()
    run.summary.unreached_owners = unreached_owners(session)
    return run.summary


def sync_and_announce(manifest: object) -> SyncSummary:
    """Apply the manifest in a transaction of its own, then tell listeners (search) what changed."""
    with db.transaction() as session:
        summary = sync_manifest(session, manifest)
    pages_synced.send(the_app(), summary=summary)
    return summary
