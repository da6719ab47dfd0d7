"""``GET /api/openapi.json``: the maintained OpenAPI 3.1 description (``openapi.yaml``), loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from flask import Blueprint

bp = Blueprint("openapi", __name__)

DOCUMENT = Path(__file__).resolve().parent.parent / "openapi.yaml"


@cache
def description() -> dict[str, Any]:
    """The OpenAPI document as data (parsed on first use, then kept)."""
    return yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))


@bp.get("/openapi.json")
def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 description of this API."""
    return description()
