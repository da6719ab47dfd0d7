"""One page in the manifest."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from html_text import body_text
from plugins.git_metadata.structure import PageHistory
from plugins.identity.identity import Identity
from plugins.announcements import AnnouncementError, announcement
from plugins.owners import owners


@dataclass(frozen=True)
class ManifestPage:
    """Fields in the order of the contract in docs/architecture.md."""

    id: str
    url: str
    src_path: str
    title: str
    language: str
    hashtags: list[str]
    owners: list[str]
    created: str | None
    updated: str | None
    authors: list[dict[str, str]]
    former_ids: list[str]
    former_paths: list[str]
    text: str
    text_hash: str
    announcement: dict[str, Any] | None = None  # front matter `announcement:` (docs/manifest.md); left out when none

    @classmethod
    def from_page(cls, page: Page, identity: Identity, default_language: str) -> ManifestPage:
        """Read a rendered page: its meta from the other plugins, its text from the HTML."""
        history: PageHistory | None = page.meta.get("plein_git")
        text = body_text(page.content or "")
        return cls(
            id=identity.id,
            url=page.url,
            src_path=page.file.src_uri,
            title=page.title or "",
            language=str(page.meta.get("language") or default_language),
            hashtags=[hashtag.slug for hashtag in page.meta.get("plein_hashtags", [])],
            owners=[owner.key for owner in owners(page.meta)],
            created=_iso(history.created if history else None),
            updated=_iso(history.updated if history else None),
            authors=[{"name": a.name, "email": a.email} for a in history.authors] if history else [],
            former_ids=identity.former_ids,
            former_paths=list(history.former_paths) if history else [],
            text=text,
            text_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            announcement=_announcement(page),
        )

    def to_json(self) -> dict[str, Any]:
        fields = dict(self.__dict__)
        if fields["announcement"] is None:
            del fields["announcement"]
        return fields


def _announcement(page: Page) -> dict[str, Any] | None:
    """The page's announcement; a wrong form stops the build, naming the file."""
    try:
        return announcement(page.meta)
    except AnnouncementError as error:
        raise PluginError(f"plein-identity: '{page.file.src_uri}': {error}") from None


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
