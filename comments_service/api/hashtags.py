"""``GET /api/trending``: the most used hashtags of the last 7 and 30 days, for the home page and the index."""

from __future__ import annotations

from flask import Blueprint

from .. import db
from ..services.trending import WINDOWS_DAYS, trending

bp = Blueprint("hashtags", __name__)


@bp.get("/trending")
def trending_hashtags() -> dict[str, object]:
    """One list per window, each most used first."""
    session = db.session()
    return {
        "windows": [
            {"days": days, "hashtags": [{"slug": tag.slug, "count": tag.count} for tag in trending(session, days)]}
            for days in WINDOWS_DAYS
        ]
    }
