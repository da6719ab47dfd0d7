"""``POST /api/sync``: CI hands over the build's manifest (bearer token ``PLEIN_SYNC_TOKEN``)."""

from __future__ import annotations

from flask import Blueprint

from ..errors import ApiError
from ..identity import settings
from ..security import require_sync_token
from ..sync import ManifestError, sync_and_announce
from .payload import json_object

bp = Blueprint("sync", __name__)


@bp.post("/sync")
def sync() -> dict[str, object]:
    """Apply the manifest in the body; answer with the summary."""
    require_sync_token()
    manifest = json_object(max_bytes=settings().max_sync_bytes)
    try:
        summary = sync_and_announce(manifest)
    except ManifestError as error:
        raise ApiError(422, "invalid_manifest", str(error), nl=f"Ongeldig manifest: {error}") from None
    return summary.as_json()
