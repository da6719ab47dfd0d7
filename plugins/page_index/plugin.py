"""plein-page-index: writes ``plein/pages-index.json`` after the build, from the manifest's page texts.

Runs after plein-identity (order in mkdocs.yml), whose manifest already holds every page's title and plain text;
``search.js`` loads the file only when the comments service cannot be reached.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from plugins.identity.plugin import IdentityPlugin
from plugins.page_index.config import PageIndexConfig
from plugins.page_index.index import page_index, write

log = get_plugin_logger(__name__)


class PageIndexPlugin(BasePlugin[PageIndexConfig]):
    """The compact page index, for the search page when the service is down."""

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        identity = config.plugins.get("plein-identity")
        if not isinstance(identity, IdentityPlugin):
            raise PluginError("plein-page-index needs plein-identity (listed before it in mkdocs.yml)")
        target = write(Path(config.site_dir), page_index(identity.manifest.pages, self.config.summary_chars))
        log.debug(f"page index of {len(identity.manifest.pages)} pages written to {target}")
