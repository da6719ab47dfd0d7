"""Fetches every page's visible conversation from the comments service in one request, or reads the same answer
from a file (``flask --app comments_service snapshot FILE`` writes one straight from the database)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

SNAPSHOT_PATH = "api/snapshot"


class SnapshotUnavailable(Exception):
    """The service could not be reached or answered something that is not a snapshot."""


def snapshot_url(service_url: str) -> str:
    """The snapshot endpoint below a service base URL (with or without a trailing slash)."""
    return service_url.rstrip("/") + "/" + SNAPSHOT_PATH


def fetch_snapshot(service_url: str, timeout: float) -> dict[str, dict[str, Any]]:
    """Return the conversations by page identity; raise SnapshotUnavailable with a reason."""
    url = snapshot_url(service_url)
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - configured URL
            body = json.load(response)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise SnapshotUnavailable(f"{url} is unreachable ({error})") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SnapshotUnavailable(f"{url} did not answer JSON ({error})") from error
    return _pages(body, url)


def read_snapshot(path: Path) -> dict[str, dict[str, Any]]:
    """The conversations of a snapshot file; raise SnapshotUnavailable with a reason."""
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SnapshotUnavailable(f"{path} cannot be read ({error})") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SnapshotUnavailable(f"{path} holds no JSON ({error})") from error
    return _pages(body, str(path))


def _pages(body: Any, source: str) -> dict[str, dict[str, Any]]:
    pages = body.get("pages") if isinstance(body, dict) else None
    if not isinstance(pages, dict):
        raise SnapshotUnavailable(f"{source} holds JSON without a 'pages' object")
    return pages
