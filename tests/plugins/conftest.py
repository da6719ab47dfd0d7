"""Fixtures for the plugin tests: a real git repository and a real MkDocs build with the theme `mkdocs`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from plugin_helpers import ALL_PLUGINS, BuildSite, Repo, Site, git


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "--quiet", "--initial-branch=main")
    return Repo(root)


@pytest.fixture
def build_site(tmp_path: Path) -> BuildSite:
    """Write mkdocs.yml into `project` (docs in `project/docs_dir`), build with the theme `mkdocs`, return the Site."""

    def run(project: Path, *, docs_dir: str = "docs", plugins: list[Any] | None = None, **extra: Any) -> Site:
        settings = {
            "site_name": "Testintranet",
            "site_url": "https://intranet.example/",
            "docs_dir": docs_dir,
            "theme": {"name": "mkdocs", "language": "nl"},
            "plugins": ALL_PLUGINS if plugins is None else plugins,
            "markdown_extensions": ["attr_list", {"toc": {"permalink": True}}],
            **extra,
        }
        config_file = project / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        site_dir = tmp_path / f"site-{len(list(tmp_path.glob('site-*')))}"
        config = load_config(str(config_file), site_dir=str(site_dir))
        build(config)
        return Site(config, site_dir)

    return run
