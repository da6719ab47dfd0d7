"""How each person wants to hear about each kind of event, and what that means for a new notification's mail."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import ColumnElement, SQLColumnExpression, case, func, select
from sqlalchemy.orm import Session

from ..db import insert_of
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
    # One upsert: a delete and an insert would let two choices at the same moment (a mail's one-click
    # unsubscribe beside its link opened in a browser) both insert, and the later one break on the other's row.
    upsert = insert_of(session)(Preference).values(person_id=person_id, kind=kind, delivery=delivery)
    session.execute(upsert.on_conflict_do_update(index_elements=["person_id", "kind"],
                                                 set_={"delivery": upsert.excluded.delivery}))


def delivery_of(person_id: SQLColumnExpression[str], kind: SQLColumnExpression[str]) -> ColumnElement[str]:
    """SQL: the delivery the person wants for the kind now, their choice or else the default (a kind that is not
    mailed: never)."""
    chosen = select(Preference.delivery).where(
        Preference.person_id == person_id, Preference.kind == kind
    ).scalar_subquery()
    default = case({mailed.value: delivery.value for mailed, delivery in DEFAULTS.items()}, value=kind,
                   else_=Delivery.NEVER.value)
    return func.coalesce(chosen, default)


def mail_state_of(kind: ColumnElement[str]) -> ColumnElement[str]:
    """SQL, selecting from ``people``: the mail a new notification of this kind to the person asks for: none
    without an address, else as they chose. In SQL, so the notification's insert reads the person and their
    choices itself."""
    chosen = case({delivery.value: state.value for delivery, state in _STATE.items()},
                  value=delivery_of(Person.id, kind), else_=MailState.NONE.value)
    return case((Person.email.is_(None), MailState.NONE.value), else_=chosen)
