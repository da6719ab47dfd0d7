"""The activity stream as a page, ``{site_root}me/activity/``: the conversations across the site, newest first.

The same list as ``/api/activity`` (which the home page's widget shows); without low-profile people's names.
"""

from __future__ import annotations

from flask import Response

from .. import db
from ..api.payload import page_number
from ..identity import settings
from . import stream
from .html import bp, language, render, require_page, visitor
from .strings import STRINGS


@bp.get("/me/activity/")
def activity_page() -> Response:
    """One page (``?page=``) of the stream; anyone who can read the site may read it."""
    visitor()
    site_root = settings().site_root
    found = stream.listing(db.session(), site_root, stream.everything(), page_number())
    require_page(found.page, found.pages)
    words = STRINGS[language()]
    return render("activity.html", words["activity"], listing=found, intro=words["activity_intro"],
                  empty=words["activity_empty"], here=site_root + "me/activity/")
