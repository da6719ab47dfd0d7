"""Options of plein-git."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GitConfig(Config):
    """`plugins: - plein-git: {...}` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    #: What a shallow clone does to the build: `warn` (a warning, so `--strict` fails), `error`, or `ignore` (info).
    shallow = c.Choice(("warn", "error", "ignore"), default="warn")
    #: Similarity (percent) for git to see a removed and an added file as one renamed file (`git log -M<n>%`).
    rename_similarity = c.Type(int, default=50)
    #: Regular expressions for commit identities that are no person (CI, bots), searched in `Name <email>`
    #: ignoring case: such commits still date the page but never name it an author or `updated_by`.
    hide_authors = c.ListOfItems(c.Type(str), default=[])
