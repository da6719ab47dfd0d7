"""``POST /api/sync``: CI hands over the build's manifest (bearer token ``PLEIN_SYNC_TOKEN``)."""

from __future__ import annotations

from flask import Blueprint, current_app

from .. import db
from ..errors import ApiError
from ..identity import settings
from ..security import require_sync_token
from ..signals import pages_synced
from ..sync import ManifestError, sync_manifest
from .payload import json_object

bp = Blueprint("sync", __name__)


@bp.post("/sync")
def sync() -> dict[str, object]:
    """Apply the manifest in the body; answer with the summary."""
    require_sync_token()
    manifest = json_object(max_bytes=settings().max_sync_bytes)
    try:
        with db.transaction() as session:
            summary = sync_manifest(session, manifest)
    except ManifestError as error:
        raise ApiError(422, "invalid_manifest", str(error)) from None
    pages_synced.send(current_app._get_current_object(), summary=summary)
    return summary.as_json()
