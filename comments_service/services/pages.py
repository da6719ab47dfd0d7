"""Finding pages by identity (current or former) and marking their conversations changed."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..errors import ApiError
from ..models import Page, PageAlias


def find_page(session: Session, identity: str) -> Page | None:
    """The page with this identity, else the page that once had it (an alias), else ``None``."""
    page = session.scalars(select(Page).where(Page.identity == identity)).first()
    if page is None:
        page = session.scalars(
            select(Page).join(PageAlias, PageAlias.page_pk == Page.pk).where(PageAlias.alias == identity)
        ).first()
    return page


def get_page(session: Session, identity: str) -> Page:
    """Like :func:`find_page`, but an unknown page is a 404."""
    page = find_page(session, identity)
    if page is None:
        raise ApiError(404, "page_not_found", f"There is no page {identity!r}.")
    return page


def open_page(session: Session, identity: str) -> Page:
    """A page that takes new comments and reactions: known (404) and not archived (409)."""
    page = get_page(session, identity)
    if page.archived:
        raise ApiError(409, "page_archived", "This page is archived: its conversation is closed.")
    return page


def touch(session: Session, page_pk: int) -> None:
    """Count a change to the page's conversation, so cached copies (ETags) go stale."""
    session.execute(update(Page).where(Page.pk == page_pk).values(version=Page.version + 1))


def page_url(site_root: str, page: Page) -> str:
    """The page's address from the site root: ``/`` + ``richtlijnen/privacy/``."""
    return site_root + page.url.lstrip("/")
