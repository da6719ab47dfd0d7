"""The manifest: every page with its identity, for the comments service to sync (pages, renames, removals)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from plugins.git_metadata.structure import Repository
from plugins.identity.structure.manifest_page import ManifestPage

VERSION = 1
#: Where the manifest lands, relative to the site folder.
MANIFEST_PATH = "plein/manifest.json"


@dataclass
class Manifest:
    """Gathered while pages are rendered, written once after the build."""

    site_url: str
    repository: Repository | None
    pages: list[ManifestPage] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        repository = self.repository
        return {
            "version": VERSION,
            "generated": datetime.now(UTC).isoformat(timespec="seconds"),
            "site_url": self.site_url,
            "git": {
                "available": repository is not None,
                "shallow": bool(repository and repository.shallow),
                "head": repository.head if repository else None,
            },
            "pages": [page.to_json() for page in sorted(self.pages, key=lambda page: page.src_path)],
        }

    def write(self, site_dir: Path) -> Path:
        target = site_dir / MANIFEST_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        return target
