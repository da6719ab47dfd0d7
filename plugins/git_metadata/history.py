"""Parse the one `git log` of plein-git into a history per current file, following renames, in linear time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from plugins.git_metadata.structure import Author, PageHistory


@dataclass(frozen=True)
class _Commit:
    sha: str
    author: Author
    date: datetime


@dataclass
class _Change:
    """One status line of `--name-status`: `A`, `M`, `D`, `T`, `R<score>` or `C<score>` and its paths."""

    status: str
    paths: tuple[str, ...]


@dataclass
class _Trail:
    """What the walk back in time has gathered for one current file."""

    updated: _Commit
    created: _Commit
    first_path: str
    #: The author of the newest commit by a person (see `is_person`), None while only non-people were seen.
    updated_by: Author | None = None
    #: author -> index of their oldest commit seen so far (the walk goes back in time, so it only grows).
    authors: dict[Author, int] = field(default_factory=dict)
    former_paths: list[str] = field(default_factory=list)


def _commits(log: str) -> Iterator[tuple[_Commit, list[_Change]]]:
    """Split `git log -z --name-status --format=LOG_FORMAT` output into commits and their changes."""
    tokens = log.split("\0")
    i, end = 0, len(tokens) - 4
    while i < end:
        # tokens[i] is the empty field that opens every header.
        sha, name, email, date = tokens[i + 1 : i + 5]
        commit = _Commit(sha, Author(name, email), datetime.fromisoformat(date))
        i += 5
        changes: list[_Change] = []
        while i < len(tokens) and tokens[i]:
            status = tokens[i].lstrip("\n")
            count = 2 if status[0] in "RC" else 1
            changes.append(_Change(status, tuple(tokens[i + 1 : i + 1 + count])))
            i += 1 + count
        yield commit, changes


def everyone(author: Author) -> bool:
    """The default of `parse_log`'s `is_person`: every commit identity is a person."""
    return True


def parse_log(log: str, prefix: str, is_person: Callable[[Author], bool] = everyone) -> dict[str, PageHistory]:
    """Histories keyed by docs-relative path at HEAD; `prefix` is the docs folder inside the repository.

    Identities for which `is_person` is false (CI, bots) count for dates but are neither authors nor `updated_by`.

    The log runs newest first. `alias` maps a path at the current point of the walk to the file it now is
    (its path at HEAD), or to None once that path held a file that is gone (deleted, or not yet added).
    """
    alias: dict[str, str | None] = {}
    trails: dict[str, _Trail] = {}
    people: dict[Author, bool] = {}
    for index, (commit, changes) in enumerate(_commits(log)):
        person = people.get(commit.author)
        if person is None:
            person = people[commit.author] = is_person(commit.author)
        for change in changes:
            kind, path = change.status[0], change.paths[-1]
            current = alias.get(path, path)
            if kind == "D":
                alias[path] = None
                continue
            if current is None:
                continue
            trail = trails.get(current)
            if trail is None:
                trail = trails[current] = _Trail(updated=commit, created=commit, first_path=path)
            # Before a rename the file was at its old path; before anything else, at this one.
            trail.created, trail.first_path = commit, change.paths[0] if kind == "R" else path
            if person:
                trail.authors[commit.author] = index
                trail.updated_by = trail.updated_by or commit.author
            if kind == "R":
                old = change.paths[0]
                trail.former_paths.append(old)
                alias[old] = current
                alias[path] = None
            elif kind in "AC":
                alias[path] = None
    return {
        current[len(prefix) :]: _history(current, trail, prefix)
        for current, trail in trails.items()
        if current.startswith(prefix)
    }


def _history(current: str, trail: _Trail, prefix: str) -> PageHistory:
    strip = len(prefix)
    former = [path for path in dict.fromkeys(reversed(trail.former_paths)) if path != current]
    return PageHistory(
        created=trail.created.date,
        created_commit=trail.created.sha,
        updated=trail.updated.date,
        authors=sorted(trail.authors, key=trail.authors.__getitem__, reverse=True),
        updated_by=trail.updated_by,
        former_paths=[path[strip:] for path in former if path.startswith(prefix)],
        first_path=trail.first_path[strip:],
    )
