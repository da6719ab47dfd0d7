"""Answering with HTML: a template of this package inside the site's frame, in the site's language.

Also what every page and form here shares: the blueprint, the page number of ``?page=``, the viewer of a page
or a form post (same origin, the CSRF token as a form field, since a plain form cannot send a header), error
pages in the site's language with the right status, and the headers of a page that holds personal data.
"""

from __future__ import annotations

import hmac
from typing import Any

from flask import Blueprint, Response, redirect, render_template, request
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from ..api.payload import refuse_nul_in_address
from ..errors import ApiError, http_message
from ..identity import Viewer, current_viewer, settings
from ..people.visits import record_visit
from ..security import check_same_origin, csrf_token
from . import frame
from .strings import STRINGS, day

bp = Blueprint("pages", __name__, template_folder="templates")
bp.before_request(refuse_nul_in_address)
CSRF_FIELD = "csrf_token"
HEADERS = {
    "Cache-Control": "private, no-store",  # the viewer's own data (and on /me/ the secret feed address)
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
}


def render(template: str, title: str, status: int = 200, *, search_query: str = "", **context: Any) -> Response:
    """``pages/<template>`` (autoescaped) in the frame; the template gets ``t`` (the strings), ``day`` and ``csrf``.
    ``search_query`` goes into the header's search box."""
    current = frame.load(settings().site_dir)
    viewer = current_viewer()
    content = render_template(
        f"pages/{template}", t=STRINGS[current.language], title=title, viewer=viewer,
        csrf=csrf_token(viewer) if viewer else None, csrf_field=CSRF_FIELD,
        day=lambda moment: day(moment, current.language), **context,
    )
    page = current.render(title, Markup(content), search_query)
    response = Response(page, status=status, mimetype="text/html")
    response.headers.update(HEADERS)
    return response


def language() -> str:
    """The site's language (nl or en), as its built frame says."""
    return frame.load(settings().site_dir).language


def require_page(page: int, pages: int) -> None:
    """A page of a list past its last is a page that does not exist."""
    if page > pages:
        raise ApiError(404, "no_such_page", f"This list has {pages} page(s).",
                       nl=f"Deze lijst heeft {pages} pagina('s).")


def visitor() -> Viewer | None:
    """The viewer, their visit recorded (the service knows people from their first visit), or ``None``."""
    viewer = current_viewer()
    if viewer is not None:
        record_visit(viewer)
    return viewer


def signed_in() -> Viewer:
    """The viewer of a personal page (their visit recorded); 401 for anonymous requests."""
    viewer = visitor()
    if viewer is None:
        raise ApiError(401, "not_signed_in", "Sign in first.", nl="Meld je eerst aan.")
    return viewer


def form_viewer() -> Viewer:
    """The viewer of a form post: same origin (403), identified (401), the form's CSRF token theirs (403)."""
    check_same_origin()
    viewer = signed_in()
    offered = request.form.get(CSRF_FIELD, "")
    if not hmac.compare_digest(offered.encode(), csrf_token(viewer).encode()):
        raise ApiError(403, "csrf", "This form was not sent from this site, or is outdated: reload the page.",
                       nl="Dit formulier kwam niet van deze site of is verouderd: laad de pagina opnieuw.")
    return viewer


def back(path: str, page: int = 1, notice: str | None = None) -> Response:
    """After a form post: the page (``path`` from the site root, quoted) again, with a 303 so a reload posts nothing."""
    query = [f"page={page}"] if page > 1 else []
    query += [f"notice={notice}"] if notice else []
    return redirect(settings().site_root + path + ("?" + "&".join(query) if query else ""), 303)  # type: ignore[return-value]


def _error_page(status: int, message: str) -> Response:
    t = STRINGS[language()]
    if status == 404:
        title, text = t["not_found_title"], t["not_found_text"]
    elif status == 401:
        title, text = t["sign_in_title"], t["sign_in_text"]
    else:
        title, text = t["error_title"], message
    return render("error.html", title, status, text=text, home=settings().site_root)


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> Response:
    return _error_page(error.status, error.message_for(language()))


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    response = _error_page(error.code or 500, http_message(error, language()))
    if "Retry-After" in error.get_response().headers:
        response.headers["Retry-After"] = error.get_response().headers["Retry-After"]
    return response


def serve_as_pages(blueprint: Blueprint) -> None:
    """Give another package's page blueprint what this one has: NUL checks and error pages in the site's language."""
    blueprint.before_request(refuse_nul_in_address)
    blueprint.register_error_handler(ApiError, _api_error)
    blueprint.register_error_handler(HTTPException, _http_error)
