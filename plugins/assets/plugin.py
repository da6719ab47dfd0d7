"""plein-assets: after the build, the theme's scripts and styles in ``assets/plein/`` are minified in place.

The theme's files are copied into the site as they are in the repository, readable and commented; this plugin
makes what readers download small (the widget's budget: docs/performance.md). Without it the site works the
same, with larger files.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger

from plugins.assets.config import AssetsConfig
from plugins.assets.minify import minify_folder

log = get_plugin_logger(__name__)
THEME_ASSETS = Path("assets") / "plein"


class AssetsPlugin(BasePlugin[AssetsConfig]):
    """Minifies the plein theme's JavaScript and CSS in the built site."""

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.minify:
            return
        folder = Path(config.site_dir) / THEME_ASSETS
        if folder.is_dir():
            log.debug(f"{minify_folder(folder)} theme assets minified in {folder}")
