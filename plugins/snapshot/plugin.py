"""plein-snapshot: one request to the service per build, its answer rendered into every page.

An unreachable service never fails the build, not even with `--strict`: the warning goes to the
`plein` logger (outside MkDocs' strict-mode counter) and the pages simply carry no snapshot, so the
widget alone shows the conversation once the service is back.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from plugins.snapshot.client import SnapshotUnavailable, fetch_snapshot, read_snapshot
from plugins.snapshot.config import SnapshotConfig
from plugins.snapshot.render import render_snapshot

log = logging.getLogger("plein.snapshot")
if not log.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  [plein-snapshot] %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


class SnapshotPlugin(BasePlugin[SnapshotConfig]):
    """Fetches all conversations before the build and puts each into `page.meta["plein_snapshot"]`."""

    def __init__(self) -> None:
        self.conversations: dict[str, dict[str, Any]] = {}

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.conversations = {}
        service_url = os.environ.get("PLEIN_SERVICE_URL") or self.config.service_url
        snapshot_file = os.environ.get("PLEIN_SNAPSHOT_FILE") or (  # the option is relative to mkdocs.yml
            self.config.snapshot_file and str(Path(config.config_file_path).parent / self.config.snapshot_file))
        if not self.config.enabled or not (service_url or snapshot_file):
            return
        source = service_url or snapshot_file
        try:
            if service_url:
                self.conversations = fetch_snapshot(service_url, self.config.timeout)
            else:
                self.conversations = read_snapshot(Path(str(snapshot_file)))
        except SnapshotUnavailable as reason:
            log.warning("No conversation snapshot in this build: %s. The site is built without it.", reason)
            return
        log.info("Snapshot of %d conversations from %s", len(self.conversations), source)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        conversation = self._conversation_of(page)
        if conversation:
            language = page.meta.get("language") or config.theme.get("language") or "en"
            page.meta["plein_snapshot"] = render_snapshot(conversation, language)
        return context

    def _conversation_of(self, page: Page) -> dict[str, Any] | None:
        """The page's conversation, also when the service still files it under a former identity.

        In CI the build runs before the sync, so a page renamed in this very push is still known to
        the service by its old identity.
        """
        identities = [page.meta.get("plein_id", ""), *page.meta.get("plein_former_ids", [])]
        return next((self.conversations[i] for i in identities if i in self.conversations), None)
