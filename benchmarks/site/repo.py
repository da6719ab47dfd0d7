"""Write a planned history into a fresh git repository with one `git fast-import` process."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from benchmarks.site.history import Commit, Modify, Rename

BRANCH = "main"


def _data(stream: IO[bytes], payload: bytes) -> None:
    """Write one `data` command with an exact byte count."""
    stream.write(b"data %d\n" % len(payload))
    stream.write(payload)
    stream.write(b"\n")


def _quote(path: str) -> bytes:
    """Return a path as fast-import accepts it (quoted, since paths never hold quotes or newlines)."""
    return b'"' + path.encode() + b'"'


def write_stream(stream: IO[bytes], commits: Iterable[Commit]) -> int:
    """Write `commits` as a fast-import stream on branch `main`; return how many were written."""
    count = 0
    for mark, commit in enumerate(commits, start=1):
        ident = f"{commit.author.name} <{commit.author.email}> {commit.when} +0000".encode()
        stream.write(b"commit refs/heads/%s\nmark :%d\n" % (BRANCH.encode(), mark))
        stream.write(b"author " + ident + b"\ncommitter " + ident + b"\n")
        _data(stream, commit.message.encode())
        for change in commit.changes:
            if isinstance(change, Rename):
                stream.write(b"R " + _quote(change.old) + b" " + _quote(change.new) + b"\n")
            elif isinstance(change, Modify):
                stream.write(b"M 100644 inline " + _quote(change.path) + b"\n")
                _data(stream, change.content.encode())
        stream.write(b"\n")
        count += 1
    stream.write(b"done\n")
    return count


def create_repository(root: Path, commits: Iterable[Commit]) -> int:
    """Create a git repository at `root` (replacing any), import `commits`, check out the tip."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    git = ["git", "-C", str(root)]
    subprocess.run([*git, "init", "--quiet", "--initial-branch", BRANCH], check=True)
    importer = subprocess.Popen([*git, "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE)
    assert importer.stdin is not None
    try:
        count = write_stream(importer.stdin, commits)
    finally:
        importer.stdin.close()
    if importer.wait() != 0:
        raise RuntimeError(f"git fast-import failed with exit code {importer.returncode}")
    subprocess.run([*git, "checkout", "--quiet", "--force", BRANCH], check=True)
    return count
