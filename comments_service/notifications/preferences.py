"""How each person wants to hear about each kind of event, and what that means for a new notification's mail."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from ..errors import ApiError
from ..models import Person
from .models import Delivery, Kind, MailState, Preference

MAILED_KINDS = (Kind.MENTION, Kind.REPLY, Kind.OWNER, Kind.QUESTION, Kind.FOLLOW, Kind.UNANSWERED, Kind.ESCALATED,
                Kind.ANNOUNCEMENT)
"""Kinds a person may get mail about; reactions are shown in the page only."""

DEFAULTS: Mapping[Kind, Delivery] = {
    Kind.MENTION: Delivery.INSTANT,
    Kind.REPLY: Delivery.INSTANT,
    Kind.OWNER: Delivery.INSTANT,
    Kind.FOLLOW: Delivery.DAILY,
    Kind.QUESTION: Delivery.INSTANT,
    Kind.UNANSWERED: Delivery.INSTANT,
    Kind.ESCALATED: Delivery.INSTANT,
    Kind.ANNOUNCEMENT: Delivery.INSTANT,  # once per announcement; a required one ignores never
}
"""Direct address at once (someone is waiting for an answer); what one follows in a daily digest, so following
much never floods the inbox."""

_STATE = {Delivery.INSTANT: MailState.INSTANT, Delivery.DAILY: MailState.DIGEST,
          Delivery.WEEKLY: MailState.DIGEST, Delivery.NEVER: MailState.NONE}


def preferences_of(session: Session, person_id: str) -> dict[Kind, Delivery]:
    """Every mailed kind's delivery for the person, defaults filled in."""
    rows = session.execute(select(Preference.kind, Preference.delivery).where(Preference.person_id == person_id))
    chosen = {kind: delivery for kind, delivery in rows}
    return {kind: Delivery(chosen.get(kind.value, DEFAULTS[kind])) for kind in MAILED_KINDS}


def set_preference(session: Session, person_id: str, kind: str, delivery: str) -> None:
    """Choose a delivery for a kind; 400 for a kind or delivery that does not exist."""
    if kind not in {k.value for k in MAILED_KINDS}:
        raise ApiError(400, "unknown_kind", "Choose one of: " + ", ".join(MAILED_KINDS) + ".",
                       nl="Kies een van: " + ", ".join(MAILED_KINDS) + ".")
    if delivery not in {d.value for d in Delivery}:
        raise ApiError(400, "unknown_delivery", "Choose one of: " + ", ".join(Delivery) + ".",
                       nl="Kies een van: " + ", ".join(Delivery) + ".")
    session.execute(delete(Preference).where(Preference.person_id == person_id, Preference.kind == kind))
    session.add(Preference(person_id=person_id, kind=kind, delivery=delivery))


# Built once, run by every write that notifies someone: each person, whether they have an address, and their choices.
_MAIL_CHOICES = (
    select(Person.id, Person.email.is_not(None), Preference.kind, Preference.delivery)
    .outerjoin(Preference, Preference.person_id == Person.id)
    .where(Person.id.in_(bindparam("people", expanding=True)))
)


def mail_states(session: Session, reasons: Mapping[str, Kind]) -> dict[str, MailState]:
    """The mail each new notification asks for: none without an address, else as the person chose."""
    with_address: set[str] = set()
    chosen: dict[tuple[str, str], Delivery] = {}
    rows = session.connection().execute(_MAIL_CHOICES, {"people": list(reasons)})
    for person_id, addressed, kind, delivery in rows:
        if addressed:
            with_address.add(person_id)
        if kind is not None:
            chosen[(person_id, kind)] = Delivery(delivery)
    states = {}
    for person_id, kind in reasons.items():
        if kind not in DEFAULTS or person_id not in with_address:
            states[person_id] = MailState.NONE
        else:
            states[person_id] = _STATE[chosen.get((person_id, kind.value), DEFAULTS[kind])]
    return states
