"""Measurements on builds: wall-clock time of a build command, a page's weight, a site's size."""

from __future__ import annotations

import resource
import shutil
import subprocess
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

SEARCH_LOADER = "search/main.js"


@dataclass(frozen=True)
class BuildResult:
    """How one build went."""

    seconds: float
    cpu_seconds: float
    returncode: int
    log: str


def _children_cpu() -> float:
    """Return the user + system CPU seconds used so far by finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(command: list[str], site_dir: Path, cwd: Path) -> BuildResult:
    """Run `command` in a fresh subprocess after emptying `site_dir`; time it wall-clock, and count the
    CPU time it used (steadier than wall-clock on a machine shared with other work)."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    return BuildResult(seconds, _children_cpu() - cpu_before, done.returncode, done.stdout + done.stderr)


class _AssetCollector(HTMLParser):
    """Collect the URLs of scripts, stylesheets, icons and images a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").split()
        if tag in ("script", "img") and values.get("src"):
            self.urls.append(values["src"] or "")
        elif tag == "link" and {"stylesheet", "icon", "preload", "modulepreload"} & set(rel):
            self.urls.append(values.get("href") or "")


def _local_file(site_dir: Path, page_url: str, url: str) -> Path | None:
    """Return the file in `site_dir` that `url` (as written in the page at `page_url`) points to."""
    parts = urlsplit(urljoin(page_url, url))
    if parts.scheme not in ("", "file") or parts.netloc or not parts.path:
        return None
    path = site_dir / parts.path.lstrip("/")
    return path if path.is_file() else None


def page_weight(site_dir: Path, page_path: str) -> tuple[int, int]:
    """Return (HTML bytes, HTML + local assets loaded at page load) for one built page.

    Assets are the scripts, stylesheets, icons and images the HTML references; when the page loads
    MkDocs' search, the files its worker fetches at once (everything under `search/`) count too.
    """
    html_file = site_dir / page_path
    html = html_file.read_text(encoding="utf-8")
    collector = _AssetCollector()
    collector.feed(html)
    page_url = "/" + page_path
    files = {found for url in collector.urls if (found := _local_file(site_dir, page_url, url))}
    if any(file.as_posix().endswith(SEARCH_LOADER) for file in files):
        files |= {file for file in (site_dir / "search").rglob("*") if file.is_file()}
    html_bytes = html_file.stat().st_size
    return html_bytes, html_bytes + sum(file.stat().st_size for file in files)


def tree_size(root: Path) -> tuple[int, int]:
    """Return (number of files, total bytes) under `root`."""
    sizes = [path.stat().st_size for path in root.rglob("*") if path.is_file()]
    return len(sizes), sum(sizes)


def human(size: float) -> str:
    """Return a byte count as B, KB, MB or GB (powers of 1000, as in the goals table)."""
    for unit in ("B", "KB", "MB"):
        if size < 1000:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.2f} GB"
