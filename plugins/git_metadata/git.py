"""The two git commands plein-git runs per build: a probe, then one `git log` over the whole history."""

from __future__ import annotations

import subprocess
from pathlib import Path

from plugins.git_metadata.structure import Repository

#: NUL-separated commit header: an empty field, then hash, author name, e-mail and date (names can't hold NUL).
LOG_FORMAT = "%x00%H%x00%aN%x00%aE%x00%aI"


class GitUnavailable(Exception):
    """No git executable, not inside a repository, or a repository without commits."""


def _run(args: list[str], cwd: Path) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as error:
        raise GitUnavailable(f"git could not run: {error}") from error
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise GitUnavailable(reason[0] if reason else f"git exited with {result.returncode}")
    return result.stdout.decode("utf-8", errors="replace")


def probe(docs_dir: Path) -> Repository:
    """Where the docs sit in the repository, whether it is shallow, and its HEAD, in one `git rev-parse`."""
    shallow, prefix, head = _run(["rev-parse", "--is-shallow-repository", "--show-prefix", "HEAD"], docs_dir).split(
        "\n"
    )[:3]
    return Repository(prefix=prefix, shallow=shallow == "true", head=head)


def read_log(docs_dir: Path, rename_similarity: int) -> str:
    """Every commit touching the docs folder, newest first, with its changed paths (repository-relative)."""
    return _run(
        [
            "log",
            "-z",
            "--name-status",
            f"-M{rename_similarity}%",
            "--date-order",
            "--no-show-signature",
            f"--format={LOG_FORMAT}",
            "--",
            ".",
        ],
        docs_dir,
    )
