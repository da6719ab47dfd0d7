"""The people directory at ``{site_root}people/``: colleagues by name, each linking to their page.

For signed-in readers only (a list of everyone is more than a page one reaches through a mention), and without
the people who keep a low profile, as every list. A plain GET form searches the names, so it works without
JavaScript; the @ autocomplete asks the same search through ``/api/people``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, request

from .. import db
from ..api.payload import page_number
from ..identity import settings
from ..people.directory import QUERY_MAX, listed
from ..rendering.mentions import person_path
from .html import bp, language, render, require_page, signed_in
from .strings import STRINGS

PATH = "people/"


@bp.get("/people/")
def directory() -> Response:
    """``?q=`` (the start of a name, any word of it, or of an id) and ``?page=``; everyone visible by name."""
    signed_in()
    search = request.args.get("q", "").strip()[:QUERY_MAX]
    page = page_number()
    people, pages = listed(db.session(), search, page)
    require_page(page, pages)
    site_root = settings().site_root
    return render(
        "colleagues.html", STRINGS[language()]["colleagues"], search=search,
        people=[(colleague, site_root + person_path(colleague.id)) for colleague in people],
        page=page, pages=pages, here=site_root + PATH, query=urlencode({"q": search}) if search else "",
    )
