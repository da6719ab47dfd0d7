""""Mijn gegevens" at ``{site_root}me/data/``: what Plein holds about the viewer, its download, and erasure.

Plain pages and forms (no JavaScript needed), on the service pages' blueprint so they share its frame, its
error pages and its form checks. Erasure takes two steps: a page that says what goes, then a form where the
person types a word; afterwards their session ends and they land on a page that needs no sign-in.
"""

from __future__ import annotations

import json

from flask import Response, g, request, session

from .. import db
from ..errors import ApiError
from ..identity import settings
from ..models import Person
from ..pages.html import HEADERS, back, bp, form_viewer, language, render, signed_in
from ..people.visits import forget, record_visit
from .erasure import erase_person
from .export import personal_data
from .records import exported_rows
from .strings import CONFIRM_WORD, WORDS

PATH = "me/data/"


def _links() -> dict[str, str]:
    root = settings().site_root
    return {"data": root + PATH, "export": root + PATH + "export.json", "erase": root + PATH + "erase",
            "overview": root + "me/"}


@bp.get("/me/data/")
def my_data() -> Response:
    """The profile, a count of every kind of record, the download and the way to erasure."""
    viewer = signed_in()
    words = WORDS[language()]
    person = db.session().get(Person, viewer.id)
    if person is None:  # erased by another process since this one last stored them (privacy.watch: seconds)
        forget(db.engine(), viewer.id)
        record_visit(viewer)
        person = db.session().get(Person, viewer.id)
    connection = db.session().connection()
    counts = {table: len(rows) for table, rows in exported_rows(connection, viewer.id) if rows}
    order = [key.removeprefix("table_") for key in words if key.startswith("table_")]
    held = [(words.get(f"table_{table}", table), counts[table])  # known kinds first, in the words' order
            for table in sorted(counts, key=lambda name: order.index(name) if name in order else len(order))
            if table != "people"]
    return render("my_data.html", words["title"], w=words, person=person, held=held, links=_links())


@bp.get("/me/data/export.json")
def download() -> Response:
    """Everything as one JSON file (``privacy.export``'s format), saved rather than shown."""
    viewer = signed_in()
    data = personal_data(db.session().connection(), viewer.id)
    day = data["exported"][:10]
    response = Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json")
    response.headers.update(HEADERS)
    response.headers["Content-Disposition"] = f'attachment; filename="plein-{day}.json"'
    return response


def _confirmation(status: int = 200, wrong: bool = False) -> Response:
    site_language = language()
    words = WORDS[site_language]
    word = CONFIRM_WORD[site_language]
    return render(
        "my_data_erase.html", words["confirm_title"], status, w=words, word=word, links=_links(),
        help=words["confirm_help"].format(word=word),
        error=words["confirm_wrong"].format(word=word) if wrong else None,
    )


@bp.get("/me/data/erase")
def confirm_erasure() -> Response:
    """The second step: what erasure does, and the word to type."""
    signed_in()
    return _confirmation()


@bp.post("/me/data/erase")
def erase() -> Response:
    """Erase the viewer when they typed the word (else the step again, 422), end their session."""
    viewer = form_viewer()
    if request.form.get("confirm", "").strip().casefold() != CONFIRM_WORD[language()].casefold():
        return _confirmation(422, wrong=True)
    try:
        db.retried(lambda current: erase_person(current, viewer.id))
    except ApiError as error:
        if error.code != "person_not_found":
            raise
        # The same form sent twice (a double click): the other request erased the person a moment ago, which
        # is what this one asked for; the browser shows this answer, so it says so rather than "not found".
    session.clear()
    g.plein_viewer = None
    return back(PATH + "erased")


@bp.get("/me/data/erased")
def erased() -> Response:
    """Said after an erasure; it records no visit, so it stores nobody again."""
    words = WORDS[language()]
    return render("error.html", words["erased_title"], text=words["erased_text"], home=settings().site_root)


