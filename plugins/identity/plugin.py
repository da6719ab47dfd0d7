"""plein-identity: give every page its identity, refuse duplicates, write the manifest after the build.

Runs after plein-git and plein-hashtags (order in mkdocs.yml) and reads what they attached to pages.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plugins.git_metadata.plugin import GitMetadataPlugin
from plugins.hashtags.page_marks import is_hashtag_page
from plugins.identity.config import IdentityConfig
from plugins.identity.identity import Identity, page_identity
from plugins.identity.structure import Manifest, ManifestPage

log = get_plugin_logger(__name__)


class IdentityPlugin(BasePlugin[IdentityConfig]):
    """Sets `page.meta["plein_id"]` and `["plein_former_ids"]`; writes `plein/manifest.json` into the site folder."""

    def __init__(self) -> None:
        self.manifest = Manifest(site_url="", repository=None)
        self._identities: dict[str, Identity] = {}
        self._owner_of: dict[str, str] = {}

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._identities, self._owner_of = {}, {}
        git_plugin = config.plugins.get("plein-git")
        repository = git_plugin.repository if isinstance(git_plugin, GitMetadataPlugin) else None
        self.manifest = Manifest(site_url=config.site_url or "", repository=repository)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or is_hashtag_page(page.meta):
            return markdown  # hashtag pages have no conversation of their own: the theme mounts them by hashtag
        src_path = page.file.src_uri
        identity = page_identity(src_path, page.meta, page.meta.get("plein_git"))
        if (other := self._owner_of.setdefault(identity.id, src_path)) != src_path:
            raise PluginError(
                f"plein-identity: '{src_path}' and '{other}' both have the page identity '{identity.id}'. "
                "Identities must be unique: give one of them its own `id:` in the front matter "
                "(and list the old identity under `aliases:` on the page that should keep the conversation)."
            )
        page.meta["plein_id"] = identity.id
        page.meta["plein_former_ids"] = identity.former_ids
        self._identities[src_path] = identity
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Hashtags are known now (plein-hashtags runs first), and so is the HTML to take the text from."""
        if (identity := self._identities.get(page.file.src_uri)) is not None:
            language = config.theme.get("language") or config.theme.locale.language
            self.manifest.pages.append(ManifestPage.from_page(page, identity, language))
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            target = self.manifest.write(Path(config.site_dir))
            log.debug(f"manifest of {len(self.manifest.pages)} pages written to {target}")
