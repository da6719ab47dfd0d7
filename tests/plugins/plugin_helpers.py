"""Helpers for the plugin tests: real git repositories with fixed authors and dates, and finished builds."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

SANNE = ("Sanne de Vries", "sanne@example.nl")
JOOST = ("Joost Bakker", "joost@example.nl")
ALL_PLUGINS = ["plein-git", "plein-hashtags", "plein-identity"]

# Git without the developer's own configuration (signing, hooks, default branch).
_GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
}


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run git in `cwd` and return its output; fail the test on error."""
    result = subprocess.run(
        ["git", *args], cwd=cwd, env={**_GIT_ENV, **(env or {})}, capture_output=True, text=True, check=True
    )
    return result.stdout


def _identity(date: str, author: tuple[str, str]) -> dict[str, str]:
    name, email = author
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_COMMITTER_DATE": date,
    }


@dataclass
class Repo:
    """A real git repository in a temporary folder, committing with fixed names and dates."""

    root: Path

    def write(self, path: str, text: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def commit(self, message: str, date: str, author: tuple[str, str] = SANNE) -> str:
        """Commit everything in the working tree as `author` at `date` (ISO 8601); returns the commit sha."""
        git(self.root, "add", "--all")
        git(self.root, "commit", "--quiet", "--no-verify", "-m", message, env=_identity(date, author))
        return git(self.root, "rev-parse", "HEAD").strip()

    def merge(self, branch: str, message: str, date: str, author: tuple[str, str] = SANNE) -> None:
        """A merge commit (`--no-ff`) of `branch` into the current branch."""
        git(self.root, "merge", "--quiet", "--no-ff", "-m", message, branch, env=_identity(date, author))

    def move(self, source: str, target: str) -> None:
        """`git mv`, creating the target folder first."""
        (self.root / target).parent.mkdir(parents=True, exist_ok=True)
        git(self.root, "mv", source, target)

    def git(self, *args: str) -> str:
        return git(self.root, *args)


@dataclass
class Site:
    """A finished build: its config and its output folder."""

    config: MkDocsConfig
    site_dir: Path

    def read(self, path: str) -> str:
        return (self.site_dir / path).read_text(encoding="utf-8")

    def manifest(self) -> dict[str, Any]:
        return json.loads(self.read("plein/manifest.json"))

    def manifest_page(self, src_path: str) -> dict[str, Any]:
        return next(page for page in self.manifest()["pages"] if page["src_path"] == src_path)


BuildSite = Callable[..., Site]
