"""Fixtures for the theme: built sites (the sample intranet, in English too, and a large synthetic one)
and a strict HTML5 parser to read their pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
import yaml

from tests.plugins.plugin_helpers import Repo, git

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class SyntheticSite:
    """A built site of `sections` sections of `pages_per_section` pages (the index included),
    the first of which holds one subsection `nested` of `nested_pages` pages. The pages below the
    subsection's index carry a page identity and a conversation `snapshot` in their front matter.
    The last section has no index page, like the sections of the benchmark site."""

    path: Path
    sections: int = 20
    pages_per_section: int = 100
    nested: str = "sectie-00/verdieping"
    nested_pages: int = 3
    snapshot: str = '<ol class="snapshot"><li>Eerste reactie &amp; meer</li></ol>'


def parse_html(path: Path) -> Element:
    """Parse a built page as HTML5; `strict=True` raises on any parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(path.read_bytes())


def page_file(site_dir: Path, url: str) -> Path:
    """The file that serves a directory URL like `nieuws/` (relative to the site root)."""
    return site_dir / url / "index.html"


def _build(config_file: Path, site_dir: Path, **overrides: object) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True, **overrides)
    build(config)
    return site_dir


@pytest.fixture(scope="session")
def manifest(built_site: Path) -> dict:
    """The identity plugin's manifest of the sample intranet."""
    return json.loads((built_site / "plein" / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample intranet built with `theme.language: en`."""
    return _build(
        REPO_ROOT / "mkdocs.yml",
        tmp_path_factory.mktemp("site-en"),
        theme={"name": "plein", "language": "en"},
    )


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> SyntheticSite:
    """The size of the design notes' benchmark (2,000 pages), built outside git with the theme alone:
    no plugins, so pages carry an owner but no history and no identity."""
    root = tmp_path_factory.mktemp("synthetic")
    shape = SyntheticSite(root / "site")
    docs = root / "docs"
    filler = "Een alinea tekst zoals op een gewone intranetpagina. " * 30
    docs.mkdir()
    (docs / "index.md").write_text("# Startpagina\n\nWelkom.\n", encoding="utf-8")
    for number in range(shape.sections):
        section = docs / f"sectie-{number:02d}"
        section.mkdir()
        if number < shape.sections - 1:
            (section / "index.md").write_text(f"# Sectie {number}\n\nOverzicht.\n", encoding="utf-8")
        for page in range(1, shape.pages_per_section):
            (section / f"pagina-{page:03d}.md").write_text(
                f"---\nowner: Team {number}\n---\n# Pagina {number}.{page}\n\n{filler}\n", encoding="utf-8"
            )
    (docs / shape.nested).mkdir()
    (docs / shape.nested / "index.md").write_text("# Verdieping\n", encoding="utf-8")
    for page in range(1, shape.nested_pages):
        (docs / shape.nested / f"diep-{page}.md").write_text(
            f"---\nplein_id: diep-{page}\nplein_snapshot: '{shape.snapshot}'\n---\n# Diep {page}\n", encoding="utf-8"
        )
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Synthetisch\ndocs_dir: docs\nplugins: []\ntheme:\n  name: plein\n  language: nl\n",
        encoding="utf-8",
    )
    _build(config, shape.path)
    return shape


SmallSite = Callable[..., Path]


@pytest.fixture
def small_site(tmp_path: Path) -> SmallSite:
    """``small_site({"docs/index.md": "...", ...}, **mkdocs_yml)``: the files committed to a new git repository,
    built with ``--strict``, the theme and Plein's plugins unless ``plugins`` says otherwise; returns the site."""

    def run(files: dict[str, str], **settings: object) -> Path:
        root = tmp_path / f"repo-{len(list(tmp_path.glob('repo-*')))}"
        root.mkdir()
        git(root, "init", "--quiet", "--initial-branch=main")
        repo = Repo(root)
        for path, text in files.items():
            repo.write(path, text)
        repo.commit("inhoud", "2026-01-05T09:00:00+01:00")
        config = {
            "site_name": "Klein",
            "docs_dir": "docs",
            "theme": {"name": "plein", "language": "nl"},
            "plugins": ["plein-git", "plein-hashtags", "plein-identity"],
            **settings,
        }
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        return _build(root / "mkdocs.yml", root / "site")

    return run


@pytest.fixture(scope="session")
def theme_strings() -> dict[str, dict]:
    """The interface strings per language, as the theme declares them."""
    return yaml.safe_load((REPO_ROOT / "theme" / "mkdocs_theme.yml").read_text(encoding="utf-8"))["strings"]


@pytest.fixture(scope="session")
def parse() -> Callable[[Path], Element]:
    """Return the strict HTML5 parser for built files."""
    return parse_html


@pytest.fixture(scope="session")
def read_page() -> Callable[[Path, str], Element]:
    """Return a function that parses the page at a URL of a built site."""
    return lambda site_dir, url: parse_html(page_file(site_dir, url))
