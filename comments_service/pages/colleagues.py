"""The people directory at ``{site_root}people/``: colleagues by name, each linking to their page, and on the first
page the department accounts (``@hr``) that match, linking to theirs.

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
from ..people.directory import QUERY_MAX, department_accounts, listed
from ..rendering.mentions import department_path, person_path
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
    config = settings()
    site_root = config.site_root
    accounts = department_accounts(search, config.departments) if page == 1 else []
    return render(
        "colleagues.html", STRINGS[language()]["colleagues"], search=search,
        accounts=[(account, site_root + department_path(account.id)) for account in accounts],
        people=[(colleague, site_root + person_path(colleague.id)) for colleague in people],
        page=page, pages=pages, here=site_root + PATH, query=urlencode({"q": search}) if search else "",
    )
