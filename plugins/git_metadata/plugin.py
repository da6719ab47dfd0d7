"""plein-git: read the history once per build and attach a `PageHistory` to each page that has one."""

from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plugins.git_metadata import git
from plugins.git_metadata.config import GitConfig
from plugins.git_metadata.history import parse_log
from plugins.git_metadata.people import PersonFilter, credited
from plugins.git_metadata.structure import PageHistory, Repository

log = get_plugin_logger(__name__)

SHALLOW_MESSAGE = (
    "the git repository is a shallow clone: creation dates, authors, renames and page identities older than "
    "the cut are missing, so pages may get new identities. Fetch the whole history: run `git fetch --unshallow`; "
    "in GitHub Actions give actions/checkout `fetch-depth: 0`; in GitLab CI set the variable `GIT_DEPTH: 0`. "
    "(plein-git option `shallow: warn|error|ignore` decides what this does to the build.)"
)


class GitMetadataPlugin(BasePlugin[GitConfig]):
    """Sets `page.meta["plein_git"]` and `["plein_byline"]` (names that changed the page, for the theme).

    `repository` is None when the docs are not in a git repository with commits.
    """

    def __init__(self) -> None:
        self.repository: Repository | None = None
        self._histories: Future[dict[str, PageHistory]] | None = None
        self._is_person = PersonFilter([])

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Compile `hide_authors` once, so a broken pattern fails the build before any git runs."""
        try:
            self._is_person = PersonFilter(self.config.hide_authors)
        except re.error as error:
            raise PluginError(f"plein-git: a pattern in `hide_authors` is no regular expression: {error}") from error
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Start reading the history: `git log` runs while MkDocs gathers files and other plugins work."""
        self.repository, self._histories = None, None
        if not self.config.enabled:
            return
        docs_dir = Path(config.docs_dir)
        try:
            repository = git.probe(docs_dir)
        except git.GitUnavailable as reason:
            log.info(f"building without git data ({reason})")
            return
        if repository.shallow:
            self._report_shallow()
        self.repository = repository
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plein-git")
        self._histories = pool.submit(self._read_histories, docs_dir, repository.prefix)
        pool.shutdown(wait=False)

    def _read_histories(self, docs_dir: Path, prefix: str) -> dict[str, PageHistory]:
        try:
            return parse_log(git.read_log(docs_dir, self.config.rename_similarity), prefix, self._is_person)
        except git.GitUnavailable as reason:
            log.info(f"building without git data ({reason})")
            return {}

    @property
    def histories(self) -> dict[str, PageHistory]:
        """Histories by docs-relative path; waits for the `git log` started in `on_pre_build`."""
        return self._histories.result() if self._histories is not None else {}

    def _report_shallow(self) -> None:
        if self.config.shallow == "error":
            raise PluginError(f"plein-git: {SHALLOW_MESSAGE}")
        if self.config.shallow == "warn":
            log.warning(SHALLOW_MESSAGE)
        else:
            log.info(SHALLOW_MESSAGE)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Attach after the front matter was read (reading replaces `page.meta`); one look-up per page."""
        history, page.meta["plein_byline"] = credited(self.histories.get(page.file.src_uri), page.meta)
        if history is not None:
            page.meta["plein_git"] = history
        return markdown
