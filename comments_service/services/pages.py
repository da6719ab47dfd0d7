"""Finding pages by identity (current or former) and marking their conversations changed."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from ..errors import ApiError
from ..models import Page, PageAlias
from ..prepared import Prepared

# What a PageRef holds, in its field order.
PAGE_COLUMNS = (Page.pk, Page.identity, Page.title, Page.url, Page.archived, Page.version)
# Built once: the thread's hot path runs these on every request.
_BY_IDENTITY = select(*PAGE_COLUMNS).where(Page.identity == bindparam("identity"))
_BY_ALIAS = (
    select(*PAGE_COLUMNS)
    .join(PageAlias, PageAlias.page_pk == Page.pk)
    .where(PageAlias.alias == bindparam("identity"))
)


@dataclass(frozen=True)
class PageRef:
    """What requests need to know about a page (read through Core: no ORM object per request)."""

    pk: int
    identity: str
    title: str
    url: str
    archived: bool
    version: int


def find_page(session: Session, identity: str) -> PageRef | None:
    """The page with this identity, else the page that once had it (an alias), else ``None``."""
    connection = session.connection()
    for statement in (_BY_IDENTITY, _BY_ALIAS):
        row = connection.execute(statement, {"identity": identity}).first()
        if row is not None:
            return PageRef(*row)
    return None


def get_page(session: Session, identity: str) -> PageRef:
    """Like :func:`find_page`, but an unknown page is a 404."""
    page = find_page(session, identity)
    if page is None:
        raise ApiError(404, "page_not_found", f"There is no page {identity!r}.", nl=f"Er is geen pagina {identity!r}.")
    return page


def open_page(session: Session, identity: str) -> PageRef:
    """A page that takes new comments and reactions: known (404) and not archived (409)."""
    page = get_page(session, identity)
    if page.archived:
        raise ApiError(409, "page_archived", "This page is archived: its conversation is closed.",
                       nl="Deze pagina is gearchiveerd: het gesprek is gesloten.")
    return page


def page_by_pk(session: Session, page_pk: int) -> PageRef:
    """The page a comment belongs to."""
    row = session.connection().execute(select(*PAGE_COLUMNS).where(Page.pk == page_pk)).one()
    return PageRef(*row)


_TOUCH = Prepared(
    update(Page).where(Page.pk == bindparam("page_pk")).values(version=Page.version + bindparam("changes"))
)
_TOUCH_OPEN = Prepared(
    update(Page)
    .where(Page.identity == bindparam("page_identity"), Page.archived.is_(False))  # "identity" is the column's
    .values(version=Page.version + 1)
    .returning(*PAGE_COLUMNS)
)


def touch(session: Session, page_pk: int, changes: int = 1) -> None:
    """Count ``changes`` to the page's conversation, so cached copies (ETags) go stale (and a conversation of few
    changes is known to be short: services/thread.py).

    A prepared statement (`comments_service.prepared`): no ORM object holds the counter, and every write runs it.
    """
    _TOUCH.execute(session, {"page_pk": page_pk, "changes": changes})


def touch_open_page(session: Session, identity: str) -> PageRef:
    """`open_page` and `touch` at once: the page, its change already counted, or the same 404 and 409.

    One statement when `identity` is an open page's own (nearly always); an alias or an error costs the
    look-ups of `open_page` besides. Being a write, it takes SQLite's write lock: call it after rendering.
    """
    row = _TOUCH_OPEN.first(session, {"page_identity": identity})
    if row is not None:
        return PageRef(*row)
    page = open_page(session, identity)
    touch(session, page.pk)
    return page


def site_address(site_root: str, url: str) -> str:
    """A page URL as the manifest lists it, from the site root: ``/`` + ``richtlijnen/privacy/``."""
    return site_root + url.lstrip("/")


def page_url(site_root: str, page: PageRef) -> str:
    """The page's address from the site root."""
    return site_address(site_root, page.url)


def permalink(page_address: str, comment_id: int) -> str:
    """A comment in its page: ``<page address>#comment-<id>``, where the widget and the snapshot anchor it."""
    return f"{page_address}#comment-{comment_id}"


PAGES_OFFERED = 2000
"""Pages a form that names one suggests at most (a list to type into: the browser narrows it as one types)."""
_LIVE_BY_TITLE = (
    select(Page.identity, Page.title).where(Page.archived.is_(False)).order_by(Page.title, Page.identity)
    .limit(PAGES_OFFERED)
)


def live_pages(session: Session) -> list[tuple[str, str]]:
    """The site's live pages as (identity, title), by title: what a form asking for a page offers, since nobody
    knows a page's identity by heart."""
    return [(identity, title) for identity, title in session.execute(_LIVE_BY_TITLE)]
