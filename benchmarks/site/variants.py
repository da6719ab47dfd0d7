"""The systems under test: one MkDocs configuration and one `mkdocs` command each.

Every variant builds the same `docs/` with the same Markdown extensions (those of the project's
`mkdocs.yml`), so the difference measured is theme and plugins.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks.site.paths import PROJECT_ROOT

PROJECT_CONFIG = PROJECT_ROOT / "mkdocs.yml"
GIT_PLUGIN_PACKAGES = (
    "mkdocs==1.6.1",
    "mkdocs-git-revision-date-localized-plugin",
    "mkdocs-git-authors-plugin",
)


@dataclass(frozen=True)
class Variant:
    """A named MkDocs configuration and the interpreter that builds it."""

    name: str
    label: str
    config: dict[str, Any]
    python: Path

    def command(self, config_file: Path, site_dir: Path) -> list[str]:
        """Return the build command for this variant."""
        return [str(self.python), "-m", "mkdocs", "build", "--quiet", "-f", str(config_file), "-d", str(site_dir)]


def _project_config() -> dict[str, Any]:
    """Return Plein's own `mkdocs.yml` as a dictionary."""
    return yaml.safe_load(PROJECT_CONFIG.read_text(encoding="utf-8"))


def _common(docs_dir: Path) -> dict[str, Any]:
    """Return the settings shared by all variants."""
    return {
        "site_name": "Synthetisch intranet",
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": str(docs_dir),
        "markdown_extensions": _project_config().get("markdown_extensions", []),
    }


def plain(docs_dir: Path) -> Variant:
    """MkDocs 1.6 with its default `mkdocs` theme and the `search` plugin."""
    config = {**_common(docs_dir), "theme": {"name": "mkdocs"}, "plugins": ["search"]}
    return Variant("plain", "MkDocs 1.6, mkdocs theme + search", config, Path(sys.executable))


def plein(docs_dir: Path) -> Variant:
    """Plein's theme and every plugin, as configured in the project's `mkdocs.yml`."""
    project = _project_config()
    config = {**_common(docs_dir), "theme": project["theme"], "plugins": project["plugins"]}
    if "extra" in project:
        config["extra"] = project["extra"]
    return Variant("plein", "Plein theme + all plugins", config, Path(sys.executable))


def git_plugins(docs_dir: Path, venv: Path) -> Variant:
    """MkDocs with git-revision-date-localized and git-authors, from their own venv."""
    config = {
        **_common(docs_dir),
        "theme": {"name": "mkdocs"},
        "plugins": ["search", "git-revision-date-localized", "git-authors"],
    }
    return Variant("git-plugins", "MkDocs + git-revision-date + git-authors", config, venv / "bin" / "python")


def ensure_git_plugin_venv(venv: Path) -> None:
    """Create `venv` with MkDocs and the two git plugins unless it already has them."""
    marker = venv / ".installed"
    if marker.exists():
        return
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, *GIT_PLUGIN_PACKAGES], check=True)
    marker.touch()


def write_config(variant: Variant, directory: Path) -> Path:
    """Write the variant's configuration as `mkdocs-<name>.yml` in `directory`; return its path."""
    path = directory / f"mkdocs-{variant.name}.yml"
    path.write_text(yaml.safe_dump(variant.config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
