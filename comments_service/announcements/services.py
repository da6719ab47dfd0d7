"""Making announcements: posted through the service by the communication role, or brought by the sync from
front matter; both checked the same way (an end date in the past is refused, a crowded week is warned about).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from plugins.announcements import WINDOW, crowded

from ..api.payload import flag_field, optional_string_field
from ..clock import utcnow
from ..departments.services import record_post, speaking_as
from ..errors import ApiError
from ..identity import Viewer, settings
from ..models import ID_MAX, Page
from ..services.pages import open_page
from ..services.people import ensure_person
from .board import Current, address, board
from .mailing import queue_due
from .models import TEXT_MAX, Announcement, Source

TITLE_LONGEST = 120
"""A posted announcement's title fits on the banner's one line (front matter titles may be longer)."""


def end_of(value: str, zone: dt.tzinfo) -> dt.datetime:
    """``until`` as written: a date means the end of that day where the service is (its mail time zone), a
    date and time without a zone is read there too."""
    if len(value) == 10:
        day = dt.date.fromisoformat(value)
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone).astimezone(dt.UTC)
    moment = dt.datetime.fromisoformat(value)
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(dt.UTC)


def start_of(value: str, zone: dt.tzinfo) -> dt.datetime:
    """``from`` as written: a date means the start of that day where the service is."""
    if len(value) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), zone).astimezone(dt.UTC)
    moment = dt.datetime.fromisoformat(value)
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(dt.UTC)


def until_field(value: object) -> dt.datetime | None:
    """The optional end date of a posted announcement; 400 when it is no date, 422 when it has passed."""
    if value is None or value == "":
        return None
    try:
        until = end_of(value, settings().mail.timezone) if isinstance(value, str) else None
    except ValueError:
        until = None
    if until is None:
        raise ApiError(400, "bad_until", "The end date must be a date such as 2027-01-31.",
                       nl="De einddatum moet een datum zijn, zoals 2027-01-31.")
    if until <= utcnow():
        raise ApiError(422, "until_past", "The end date is in the past: choose a later one. Nothing was posted.",
                       nl="De einddatum ligt in het verleden: kies een latere. Er is niets geplaatst.")
    return until


def _text_field(body: Mapping[str, Any], name: str, longest: int, *, required: bool) -> str | None:
    value = optional_string_field(body, name)
    if value is None or not value.strip():
        if required:
            raise ApiError(422, f"{name}_empty", f"Give the announcement a {name}.",
                           nl=f"Geef de aankondiging een {'titel' if name == 'title' else 'tekst'}.")
        return None
    value = " ".join(value.split()) if name == "title" else value.strip()
    if len(value) > longest:
        raise ApiError(413, f"{name}_too_long", f"The {name} has at most {longest} characters.",
                       nl=f"De {'titel' if name == 'title' else 'tekst'} heeft hooguit {longest} tekens.")
    return value


def require_announcer(viewer: Viewer) -> None:
    """Only the communication role posts announcements through the service (403)."""
    if not viewer.has_role("communication"):
        raise ApiError(403, "not_communication", "Only people with the communication role post announcements.",
                       nl="Alleen mensen met de rol communicatie plaatsen aankondigingen.")


def crowding(session: Session, starts: dt.datetime, exclude: int | None = None) -> int:
    """How many announcements (this one included) start within seven days of ``starts`` when that is more than
    the advice allows; 0 when it is not."""
    others = [moment for id_, moment in session.execute(
        select(Announcement.id, Announcement.starts).where(
            Announcement.starts > starts - WINDOW, Announcement.starts < starts + WINDOW))
        if id_ != exclude]
    if not crowded(others, [starts]):
        return 0
    return 1 + len(others)


@dataclass(frozen=True)
class Posted:
    """A new announcement and, when the week is crowded, how many it makes."""

    announcement: Current
    crowded: int


def post(session: Session, viewer: Viewer, body: Mapping[str, Any]) -> Posted:
    """A short announcement, shown from now on (the caller commits): ``title``, ``text``, ``until``,
    ``required``, ``mail``, ``page`` (the id of the page it is about) and ``as`` (a department)."""
    require_announcer(viewer)
    title = _text_field(body, "title", TITLE_LONGEST, required=True)
    text = _text_field(body, "text", TEXT_MAX, required=False)
    until = until_field(body.get("until"))
    required, mail = flag_field(body, "required"), flag_field(body, "mail")
    department = speaking_as(viewer, body.get("as"))
    page_id = body.get("page")
    page_pk = None
    if page_id not in (None, ""):
        if not isinstance(page_id, str):
            raise ApiError(400, "wrong_type", "The field 'page' must be a page id.", nl="Het veld 'page' moet een pagina-id zijn.")
        page_pk = open_page(session, page_id).pk
    ensure_person(session, viewer)
    now = utcnow()
    row = Announcement(source=Source.SERVICE.value, page_pk=page_pk, title=title or "", body=text, starts=now,
                       until=until, required=required, mail=mail, author_id=viewer.id, department=department,
                       created=now)
    session.add(row)
    session.flush()
    if department is not None:
        record_post(session, department, viewer.id, announcement_id=row.id)
    queue_due(session, now)
    board().forget()
    page_url = session.scalar(select(Page.url).where(Page.pk == page_pk)) if page_pk else None
    shown = Current(row.id, row.title, text, page_pk, address(settings().site_root, row.id, page_url), now, until,
                    required, department)
    return Posted(shown, crowding(session, now, exclude=row.id))


def get_announcement(session: Session, announcement_id: int) -> Announcement:
    """The announcement or a 404."""
    found = session.get(Announcement, announcement_id) if 0 < announcement_id <= ID_MAX else None
    if found is None:
        raise ApiError(404, "announcement_not_found", f"There is no announcement {announcement_id}.",
                       nl=f"Er is geen aankondiging {announcement_id}.")
    return found

