"""The JSON activity stream and the Atom feeds: ``/api/activity`` and ``/api/feeds/...``.

Both are for anyone who can read the site (the activity stream is what the home page shows; a feed reader
cannot sign in). The personal feed is opened by its secret token alone.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from hashtag_grammar import is_hashtag, slugify, tag_url

from .. import db
from ..api.payload import page_number, refuse_nul_in_address
from ..errors import ApiError
from ..identity import settings
from ..people.directory import visible_person
from ..rendering.mentions import person_path
from ..services.pages import find_page
from . import feed_tokens, stream
from .feeds import ENTRIES, MEDIA_TYPE, FeedInfo, atom
from .html import language
from .strings import STRINGS

bp = Blueprint("pages_api", __name__, url_prefix="/api")
bp.before_request(refuse_nul_in_address)


@bp.get("/activity")
def activity() -> dict[str, object]:
    """The conversations across the site now: recent comments with their pages, newest first (``?page=``)."""
    page = page_number()
    found = stream.listing(db.session(), settings().site_root, stream.everything(), page)
    return {"items": [item.as_json() for item in found.items], "page": found.page, "pages": found.pages}


def _feed(key: str, title: str, alternate_path: str, where: stream.Where) -> Response:
    """The newest ``ENTRIES`` comments ``where`` takes, as Atom."""
    site_root = settings().site_root
    origin = settings().site_origin or request.host_url.rstrip("/")
    items = stream.newest(db.session(), site_root, where, ENTRIES)
    info = FeedInfo(key, title, request.base_url, origin + site_root + alternate_path, language(), origin)
    return Response(atom(info, items, STRINGS[info.language]), mimetype=MEDIA_TYPE)


@bp.get("/feeds/pages/<path:identity>.atom")
def page_feed(identity: str) -> Response:
    """A page's conversation (by its identity or a former one)."""
    found = find_page(db.session(), identity)
    if found is None:
        raise ApiError(404, "page_not_found", f"There is no page {identity[:80]!r}.",
                       nl=f"Er is geen pagina {identity[:80]!r}.")
    title = STRINGS[language()]["feed_page"].format(page=found.title)
    return _feed(f"page/{found.pk}", title, found.url.lstrip("/"), stream.on_page(found.pk))


@bp.get("/feeds/hashtags/<tag>.atom")
def hashtag_feed(tag: str) -> Response:
    """Every comment with a hashtag (a hashtag nobody used yet gives an empty feed)."""
    if not is_hashtag(tag.removeprefix("#")):
        raise ApiError(404, "not_a_hashtag", f"{tag[:80]!r} is not a hashtag.", nl=f"{tag[:80]!r} is geen hashtag.")
    slug = slugify(tag.removeprefix("#"))
    title = STRINGS[language()]["feed_hashtag"].format(tag=slug)
    return _feed(f"hashtag/{slug}", title, tag_url(slug, "/").lstrip("/"), stream.with_hashtag(slug))


@bp.get("/feeds/people/<path:person_id>.atom")
def person_feed(person_id: str) -> Response:
    """What a person wrote; 404 for unknown and low-profile people, like their page."""
    person = visible_person(db.session(), person_id)
    if person is None:
        raise ApiError(404, "person_not_found", f"There is no person {person_id[:80]!r}.",
                       nl=f"Er is geen persoon {person_id[:80]!r}.")
    title = STRINGS[language()]["feed_person"].format(name=person.name)
    return _feed(f"person/{person.id}", title, person_path(person.id), stream.by_author(person.id))


@bp.get("/feeds/me/<token>.atom")
def personal_feed(token: str) -> Response:
    """What the token's owner follows; 404 for a forged token or one renewed away."""
    session = db.session()
    person = feed_tokens.owner(session, token)
    if person is None:
        raise ApiError(404, "unknown_feed", "This feed address is unknown or was renewed: copy the current "
                                            "address from your overview page (me/).",
                       nl="Dit feedadres is onbekend of vernieuwd: kopieer het huidige adres van je "
                          "overzichtspagina (me/).")
    title = STRINGS[language()]["feed_me"].format(name=person.name)
    return _feed(f"me/{person.id}", title, "me/", stream.followed_by(session, person.id))
