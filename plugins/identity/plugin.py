"""plein-identity: give every page its identity, refuse duplicates, write the manifest after the build.

A new file at a renamed page's old path gets an identity of its own (`claims`), reported in one info line;
only identities pinned in front matter can still clash, and those stop the build.

Runs after plein-git and plein-hashtags (order in mkdocs.yml) and reads what they attached to pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plugins.announcements import ADVICE, WINDOW, crowded
from plugins.git_metadata.plugin import GitMetadataPlugin
from plugins.hashtags.page_marks import is_hashtag_page
from plugins.identity.claims import Claim, derived_identities
from plugins.identity.config import IdentityConfig
from plugins.identity.identity import Identity, page_identity, path_identity
from plugins.identity.structure import Manifest, ManifestPage
from plugins.owners import owners

log = get_plugin_logger(__name__)


def warn_crowded_announcements(pages: list[ManifestPage]) -> None:
    """A warning (so ``--strict`` fails) when more than two announcements start within seven days, naming the
    advice and the pages. Announcements that ended are left out; one without ``from:`` starts when the service
    first sees it, which the page's last change (else now) stands for."""
    starts: dict[dt.datetime, list[str]] = {}
    now = dt.datetime.now(dt.UTC)
    for page in pages:
        if page.announcement is None or _moment(page.announcement["until"], now) < now:
            continue
        moment = _moment(page.announcement["from"] or page.updated, now)
        starts.setdefault(moment, []).append(page.src_path)
    for first in crowded([moment for moment, paths in starts.items() for _ in paths]):
        names = [path for moment, paths in sorted(starts.items()) if dt.timedelta(0) <= moment - first < WINDOW
                 for path in paths]
        log.warning(f"{len(names)} announcements start within seven days of {first:%Y-%m-%d} ({', '.join(names)}): "
                    f"the advice is {ADVICE}. Give some a later `from:` date or make them ordinary pages.")


def _moment(iso: str | None, default: dt.datetime) -> dt.datetime:
    """An ISO date or date and time of the manifest (UTC when it names no zone), else ``default``."""
    if not iso:
        return default
    moment = dt.datetime.fromisoformat(iso)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class IdentityPlugin(BasePlugin[IdentityConfig]):
    """Sets `page.meta["plein_id"]`, `["plein_former_ids"]` and `["plein_owners"]` (the owners' names, for the
    theme); writes `plein/manifest.json` into the site folder."""

    def __init__(self) -> None:
        self.manifest = Manifest(site_url="", repository=None)
        self._identities: dict[str, Identity] = {}
        self._owner_of: dict[str, str] = {}
        self._claims: dict[str, Claim] | None = None
        self._git: GitMetadataPlugin | None = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._identities, self._owner_of, self._claims = {}, {}, None
        git_plugin = config.plugins.get("plein-git")
        self._git = git_plugin if isinstance(git_plugin, GitMetadataPlugin) else None
        self.manifest = Manifest(site_url=config.site_url or "", repository=self._git.repository if self._git else None)

    def _claim(self, src_path: str, files: Files) -> Claim:
        """The identity git gives the file; worked out for all pages at the first one, once git's log is read."""
        if self._claims is None:
            histories = self._git.histories if self._git else {}
            self._claims = derived_identities((file.src_uri for file in files.documentation_pages()), histories)
        return self._claims.get(src_path) or Claim(path_identity(src_path))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src_path = page.file.src_uri
        named = owners(page.meta, warn=lambda problem: log.warning(f"plein-identity: '{src_path}': {problem}"))
        page.meta["plein_owners"] = [owner.name for owner in named]
        if not self.config.enabled or is_hashtag_page(page.meta):
            return markdown  # hashtag pages have no conversation of their own: the theme mounts them by hashtag
        claim = self._claim(src_path, files)
        identity = page_identity(claim.identity, page.meta, page.meta.get("plein_git"), self.config.id_key)
        if claim.keeper and identity.id == claim.identity:
            kept = self._claim(claim.keeper, files).identity
            log.info(
                f"'{src_path}' is a new file at the old path of '{claim.keeper}', which keeps the identity "
                f"'{kept}' and its conversation; '{src_path}' gets the identity "
                f"'{claim.identity}' (pin another with `{self.config.id_key}:` in its front matter)"
            )
        if (other := self._owner_of.setdefault(identity.id, src_path)) != src_path:
            raise PluginError(
                f"plein-identity: '{src_path}' and '{other}' both have the page identity '{identity.id}'. "
                f"Identities must be unique: give one of them its own `{self.config.id_key}:` in the front matter "
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
            warn_crowded_announcements(self.manifest.pages)
            target = self.manifest.write(Path(config.site_dir))
            log.debug(f"manifest of {len(self.manifest.pages)} pages written to {target}")
