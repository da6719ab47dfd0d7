"""The dashboard at ``{site_root}analytics/`` (communication and management), its CSV downloads, and the form
where anyone chooses whether named lists may show them (``analytics/listing``).

Server-rendered in the site's frame, plain GET forms for the period and the hashtag: it works without
JavaScript. Errors are pages in the reader's language with the right status (400, 401, 403, 404), never a 500.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from flask import Blueprint, Response, render_template, request
from markupsafe import Markup
from sqlalchemy import delete
from werkzeug.exceptions import HTTPException

from .. import db
from ..clock import utcnow
from ..errors import ApiError
from ..identity import Viewer, current_viewer, settings
from ..pages import frame
from ..pages.html import CSRF_FIELD, HEADERS, form_viewer, signed_in
from ..security import csrf_token
from .models import Listed
from .overview import Overview, build, describe
from .periods import DEFAULT_PERIOD, PERIODS, add_months, parse_month, span
from .report import make_report
from .figures import data_start
from .strings import STRINGS
from .timezone import zone

bp = Blueprint("analytics", __name__, template_folder="templates", static_folder="static",
               static_url_path="/analytics/static")
ROLES = ("communication", "management")
_SLUG = re.compile(r"^[\w-]{1,255}$")
CSV_HEADERS = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def language() -> str:
    """The reader's language when the browser names Dutch or English, else the site's."""
    return request.accept_languages.best_match(("nl", "en")) or frame.load(settings().site_dir).language


def render(template: str, title: str, status: int = 200, **context: Any) -> Response:
    """``analytics/<template>`` in the site's frame, with the words ``t`` of the reader's language."""
    current = frame.load(settings().site_dir)
    words = STRINGS[language()]
    viewer = current_viewer()
    content = render_template(
        f"analytics/{template}", t=words, title=title, viewer=viewer, demo=settings().demo,
        csrf=csrf_token(viewer) if viewer else None, csrf_field=CSRF_FIELD, site_root=settings().site_root,
        **context,
    )
    response = Response(current.render(title, Markup(content)), status=status, mimetype="text/html")
    response.headers.update(HEADERS)
    return response


def permitted() -> Viewer:
    """The viewer, if they may see the figures: 401 when not signed in, 403 without the role."""
    viewer = signed_in()
    if not any(viewer.has_role(role) for role in ROLES):
        raise ApiError(403, "not_permitted", "These figures are for communication and management.",
                       nl="Deze cijfers zijn er voor communicatie en management.")
    return viewer


def _hashtag() -> str | None:
    raw = request.args.get("hashtag", "").strip().lstrip("#").lower()
    if raw and not _SLUG.match(raw):
        raise ApiError(400, "bad_hashtag", "A hashtag has letters, digits, - and _ only.",
                       nl="Een hashtag heeft alleen letters, cijfers, - en _.")
    return raw or None


def _overview(print_: bool = False) -> Overview:
    session = db.session()
    tz = zone()
    today = utcnow().astimezone(tz).date()
    first_day = data_start(session, tz)
    chosen = span(request.args.get("period"), request.args.get("end"), today, first_day)
    return build(session, chosen, tz, settings().site_root, language(), _hashtag(), data_start=first_day,
                 print_=print_)


@bp.get("/analytics/")
def dashboard() -> Response:
    """The figures of the chosen period (``?period=7d|28d|3m|12m&end=...&hashtag=...``)."""
    permitted()
    overview = _overview()
    words = STRINGS[language()]
    return render(
        "dashboard.html", words["title"], overview=overview, described=describe(overview, language()),
        periods=[(name, words[f"period_{name}"]) for name in PERIODS],
        chosen=request.args.get("period") or DEFAULT_PERIOD, end=request.args.get("end", ""),
        query=request.query_string.decode("ascii", "replace"),
        report_month=add_months(utcnow().astimezone(zone()).date().replace(day=1), -1).isoformat()[:7],
    )


@bp.get("/analytics/<name>.csv")
def table_csv(name: str) -> Response:
    """One table of the dashboard as CSV, for the same period."""
    permitted()
    tables = _overview().tables
    if name not in tables:
        raise ApiError(404, "no_such_table", f"There is no table {name!r}.", nl=f"Er is geen tabel {name!r}.")
    table = tables[name]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.raw_columns or table.columns)
    writer.writerows(table.raw)
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers.update(CSV_HEADERS)
    response.headers["Content-Disposition"] = f'attachment; filename="plein-{name}-{overview_name()}.csv"'
    return response


def overview_name() -> str:
    """The period in a file name: ``28d-2026-12-06``."""
    return "-".join(part for part in (request.args.get("period") or DEFAULT_PERIOD, request.args.get("end")) if part)


@bp.get("/analytics/report/<month>.<kind>")
def monthly_report(month: str, kind: str) -> Response:
    """The monthly report of ``month`` (``YYYY-MM``) as ``html`` or ``pdf``, as it is mailed, in the reader's
    language."""
    permitted()
    if kind not in ("html", "pdf"):
        raise ApiError(404, "no_such_format", "The report comes as .html or .pdf.",
                       nl="Het rapport is er als .html of .pdf.")
    try:
        made = make_report(parse_month(month), language())
    except ValueError as error:
        raise ApiError(400, "bad_month", str(error), nl=_dutch_month_error(str(error))) from None
    if kind == "pdf":
        response = Response(made.pdf, mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'inline; filename="plein-{month}.pdf"'
    else:
        response = Response(made.html, mimetype="text/html")
    response.headers.update(CSV_HEADERS)
    return response


def _dutch_month_error(english: str) -> str:
    """The Dutch of a report's month error (the command line speaks English)."""
    if "not a month" in english:
        return "Dat is geen maand: schrijf JJJJ-MM, zoals 2026-11."
    if "not begun" in english:
        return "Die maand is nog niet begonnen."
    return "Van die maand zijn er geen cijfers."


@bp.get("/analytics/listing")
def listing() -> Response:
    """Whether the viewer may be named in lists such as the most active colleagues: a checkbox."""
    viewer = signed_in()
    listed = db.session().get(Listed, viewer.id) is not None
    words = STRINGS[language()]
    return render("listing.html", words["listing_title"], listed=listed,
                  saved=request.args.get("notice") == "saved")


@bp.post("/analytics/listing")
def save_listing() -> Response:
    """Store the choice (the row exists only while the person chose to be listed)."""
    viewer = form_viewer()
    wanted = request.form.get("listed") == "on"
    with db.transaction() as session:
        if wanted:  # one insert that skips an existing row: a double-clicked submit stores it once, without a 409
            session.execute(db.insert_of(session)(Listed).values(person_id=viewer.id).on_conflict_do_nothing())
        else:
            session.execute(delete(Listed).where(Listed.person_id == viewer.id))
    response = Response(status=303)
    response.headers["Location"] = settings().site_root + "analytics/listing?notice=saved"
    return response


def _error_page(status: int, message: str) -> Response:
    """The error in the site's frame; after bad input the way back is the figures' first page."""
    words = STRINGS[language()]
    back = (settings().site_root + "analytics/", words["back_figures"]) if status == 400 else (
        settings().site_root, words["back_home"])
    return render("error.html", words["title"], status, text=message, back=back)


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> Response:
    if error.status == 403 and error.code == "not_permitted":
        return _error_page(403, STRINGS[language()]["no_role"])
    if error.status == 401:
        return _error_page(401, STRINGS[language()]["sign_in"])
    return _error_page(error.status, error.message_for(language()))


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    return _error_page(error.code or 500, error.description or "")
