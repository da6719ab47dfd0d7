"""``flask analytics seed-demo``: a year and a month of made-up history for the demo (``PLEIN_DEMO`` only), so
``make run`` shows a filled dashboard and report, marked as demo.

Comments, replies, questions and reactions go through the service's own write path (hashtags, search, the
questions' answers) with the clock set to their moment; views, reader sketches and searches are written as the
counting would have. The made-up colleagues are demo logins by their names: signing in as "Hanna Vos" is her,
with her history and a few things she follows. Each is a member of their department's team ("Team Communicatie"):
they heard of the comments and questions on the pages their team owns, and of the questions left unanswered
there, which the job worker's escalation runs told them day by day. Made once: a second run finds the figures and
leaves everything as it is.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

import click
from flask.cli import AppGroup
from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from .. import clock as clocks
from .. import db
from ..clock import ControlledClock, utcnow
from ..identity import Viewer, demo_person, settings
from ..models import GroupMember, Page, Person
from ..notifications.follows import Target, follow, page_key
from ..notifications.inbox import mark_read_before
from ..notifications.queue import notify_queued
from ..questions.escalation import escalate
from ..questions.services import ask, mark_best
from ..services.comments import Written, create_comment
from ..services.reactions import Target as ReactionTarget
from ..services.reactions import comment_target, page_target, toggle_reaction
from ..signals import record_comment, the_app
from . import counting, rollup, sketch
from .models import Listed, PageViews, Readers
from .periods import add_months

T = TypeVar("T")
UNREAD_FOR = dt.timedelta(days=5)
"""The made-up colleagues have read their notifications but the last five days': signing in as one shows a bell
with the few a colleague has who looks now and then (Hanna Vos, whose team owns the busiest pages: six), not a
year's worth."""

analytics_cli = AppGroup("analytics", help="Analytics: the demo's history.")
READER_PREFIX = "demo:seed-reader-"
"""The made-up readers the figures count (never people: they only read)."""
PEOPLE = (
    ("anna", "Anna de Boer", "Communicatie"), ("bram", "Bram Visser", "ICT"), ("carla", "Carla Jansen", "HR"),
    ("daan", "Daan Smit", "Facilitair"), ("eva", "Eva Mulder", "Financiën"), ("finn", "Finn de Graaf", "ICT"),
    ("gijs", "Gijs Bos", "Juridische zaken"), ("hanna", "Hanna Vos", "Communicatie"), ("ilse", "Ilse Peters", "HR"),
    ("jan", "Jan Hendriks", "Facilitair"), ("kim", "Kim van Dijk", "ICT"), ("lars", "Lars Dekker", "Financiën"),
    ("mira", "Mira Brouwer", "HR"), ("noor", "Noor de Wit", "Communicatie"), ("olaf", "Olaf Dijkstra", "ICT"),
    ("pien", "Pien Smits", "Facilitair"), ("quinten", "Quinten de Lange", "Financiën"), ("roos", "Roos Meijer", "HR"),
    ("sem", "Sem van Leeuwen", "ICT"), ("tess", "Tess Koster", "Communicatie"), ("umar", "Umar Yilmaz", "Facilitair"),
    ("vera", "Vera Prins", "HR"), ("wout", "Wout Kok", "ICT"), ("xander", "Xander Huisman", "Juridische zaken"),
    ("yara", "Yara El Amrani", "Communicatie"), ("zoe", "Zoë Verhoeven", "Financiën"),
)
TEAMS = {"Communicatie": "Team Communicatie", "ICT": "Team IT", "HR": "Team HR", "Facilitair": "Team Facilitair"}
"""The groups the sample site's front matter names as owners, by the department whose colleagues are members."""
LISTED = ("anna", "bram", "eva", "hanna", "kim", "noor", "sem", "yara")
LOW_PROFILE = ("gijs", "xander")
HASHTAGS = ("gedoe", "duurzaam", "intranetwerkt", "onboarding", "team2026", "watdeklantvindt", "servicedesk", "wol")
COMMENTS = (
    "Weer drie formulieren voor één parkeerkaart. #gedoe",
    "Fijn dat dit eindelijk op één plek staat. #intranetwerkt",
    "Kunnen we de fietsenstalling groter maken? #duurzaam",
    "Mijn eerste week: dit hielp echt. #onboarding",
    "Goed idee, neem ik mee naar het teamoverleg. #team2026",
    "Klanten vroegen hier vorige week ook naar. #watdeklantvindt",
    "Het ticket staat al twee weken open. #servicedesk #gedoe",
    "Wat betekent dit voor de Wet open overheid? #wol",
    "Dank voor de duidelijke uitleg!",
    "Staat dit ook in de nieuwsbrief?",
)
QUESTIONS = (
    "Bij wie vraag ik een tweede scherm aan?", "Geldt dit ook voor parttimers?", "Waar vind ik het declaratieformulier?",
    "Wie beheert deze pagina eigenlijk?", "Kan ik thuiswerkdagen ruilen?",
)
REPLIES = ("Bij de servicedesk, via het portaal.", "Ja, naar rato.", "Goede vraag, ik zoek het uit.", "Eens! #gedoe")
SEARCHES = (("parkeren", 0.9), ("declaratie", 0.8), ("verlof", 0.95), ("thuiswerken", 0.9), ("vpn", 0.7),
            ("kerstpakket", 0.0), ("fietsplan", 0.3), ("wachtwoord", 0.85))
READERS = 420
MONTHS = 13


def _viewer(name: str) -> Viewer:
    """A made-up colleague, as a demo login with their name (so signing in as "Hanna Vos" is her, with her history,
    and ``@hanna-vos`` mentions her)."""
    person_id, display = demo_person(name)
    return Viewer(id=person_id, name=display, email=None, roles=("member",), demo=True)


def _at(moment: dt.datetime) -> None:
    """Set the app's clock (the seed's `ControlledClock`) to ``moment``."""
    clocks.clock().set(moment)  # type: ignore[attr-defined]


def _write(moment: dt.datetime, work: Callable[[Session], T]) -> T:
    """``work(session)`` in a transaction of its own, at ``moment`` by the app's clock."""
    _at(moment)
    with db.transaction() as session:
        return work(session)


def _reacting(viewer: Viewer, emoji: str, target: Callable[[Session], ReactionTarget]) -> Callable[[Session], None]:
    """Work for `_write`: the viewer reacts with ``emoji`` to what ``target`` finds."""
    return lambda session: toggle_reaction(session, settings(), viewer, target(session), emoji)


def seed(rng: random.Random, now: dt.datetime) -> int:
    """Write the history of the last ``MONTHS`` months up to ``now``; the number of comments written."""
    config = settings()
    session = db.session()
    pages = session.execute(select(Page.pk, Page.identity).where(Page.archived.is_(False)).order_by(Page.pk)).all()
    if not pages:
        raise click.ClickException("No pages yet: sync the built site first (flask sync site/plein/manifest.json).")
    people = [_viewer(name) for _, name, _ in PEOPLE]
    teams = {_viewer(name).id: TEAMS[department] for _, name, department in PEOPLE if department in TEAMS}
    zone = config.mail.timezone
    start = dt.datetime.combine(add_months(now.astimezone(zone).date().replace(day=1), -MONTHS + 1), dt.time(9), zone)
    written = 0
    moment = start.astimezone(dt.UTC)
    comments: list[tuple[int, str]] = []
    askers: dict[int, Viewer] = {}  # open questions (without a best answer yet) and who asked them
    escalated = moment.date()
    while moment < now - dt.timedelta(hours=2):
        month_index = (moment.year - start.year) * 12 + moment.month - start.month
        busy = 1.0 + month_index / MONTHS  # the intranet catches on
        moment += dt.timedelta(hours=rng.expovariate(busy / 9))
        if moment.astimezone(zone).weekday() >= 5 or moment >= now:
            continue
        author = rng.choice(people[: 8 + month_index * 18 // MONTHS])  # new participants join over the year
        page_pk, identity = rng.choice(pages[: max(3, len(pages) // 2)] if rng.random() < 0.7 else pages)
        roll = rng.random()
        if roll < 0.15 and comments:
            parent_id, parent_page = rng.choice(comments[-20:])
            text, parent, identity, question = rng.choice(REPLIES), parent_id, parent_page, False
        else:
            question = roll > 0.9
            text = rng.choice(QUESTIONS if question else COMMENTS)
            if "#gedoe" not in text and month_index in (3, 4, 10) and rng.random() < 0.5:
                text += " #gedoe"  # red tape piles up in some months
            parent = None

        def write(session: Session, author: Viewer = author, identity: str = identity, text: str = text,
                  parent: int | None = parent, question: bool = question) -> Written:
            made = create_comment(session, config, author, identity, text, parent)
            if author.id in teams:  # their first comment made them a person: now a member of their team
                session.add(GroupMember(group=teams.pop(author.id), person_id=author.id))
            if question:
                ask(session, made)
            record_comment(session, made, "created")
            return made

        if moment.date() != escalated:  # the job worker's escalation of unanswered questions, a day at a time
            escalated = moment.date()
            _at(moment)
            escalate(config)
        made = _write(moment, write)
        written += 1
        if parent is None:
            comments.append((made.row.id, identity))
            if question:
                askers[made.row.id] = author
        elif parent in askers and askers[parent] != author and rng.random() < 0.6:  # the asker marks it best
            marked = min(moment + dt.timedelta(hours=rng.randint(1, 30)), now)
            _write(marked, partial(mark_best, viewer=askers.pop(parent), question_id=parent, answer_id=made.row.id))
        for reactor in rng.sample(people, rng.randint(0, 3)):
            emoji = rng.choice(config.emoji)  # drawn before the moment, as ever: one seed, one history
            _write(moment + dt.timedelta(minutes=rng.randint(5, 600)),
                   _reacting(reactor, emoji, partial(comment_target, comment_id=made.row.id)))
        if rng.random() < 0.05:
            _write(moment, _reacting(author, config.emoji[0], partial(page_target, page_identity=identity)))
    _at(now)
    escalate(config)  # the job worker's last run: what is due now is claimed, so its first real run finds nothing
    notify_queued()  # the history's notifications, as the job worker writes them (before the follows made below)
    _views_and_searches(rng, pages, start.date(), now.astimezone(zone).date())
    rollup.ensure_rolled(db.session(), zone, start.date(), now.astimezone(zone).date())  # the dashboard answers at once
    with db.transaction() as session:
        for key, name, department in PEOPLE:
            person = session.get(Person, demo_person(name)[0])
            if person is not None:
                person.department = department
                person.low_profile = key in LOW_PROFILE
                if key in LISTED:
                    session.add(Listed(person_id=person.id))
                _follow_a_few(session, rng, person.id, pages)
                mark_read_before(session, person.id, now - UNREAD_FOR)
    return written


def _follow_a_few(session: Session, rng: random.Random, person_id: str, pages: Sequence[Row[int, str]]) -> None:
    """Two hashtags and a page the colleague follows from now on, so signing in as them shows Mijn overzicht
    filled (the feed lists what was said on them before too); following now notifies of nothing past."""
    for tag in rng.sample(HASHTAGS, 2):
        follow(session, person_id, Target.HASHTAG.value, tag)
    follow(session, person_id, Target.PAGE.value, page_key(rng.choice(pages)[0]))


def _views_and_searches(rng: random.Random, pages: Sequence[Row[int, str]], first: dt.date, last: dt.date) -> None:
    """Views per page and day, the days' and months' reader sketches, and searches, as the counting writes them."""
    key = sketch.hash_key(settings().secret_key)
    taken = counting.Taken()
    day = first
    while day <= last:
        working = day.weekday() < 5
        growth = 1.0 + (day - first).days / 400
        readers = [f"{READER_PREFIX}{n}" for n in rng.sample(range(READERS), int(READERS * (0.45 if working else 0.06)
                                                                                 * min(growth, 1.9) / 1.9))]
        for reader in readers:
            index, rank = sketch.position(reader, key)
            for period in (day.isoformat(), day.isoformat()[:7]):
                ranks = taken.ranks.setdefault(period, {})
                ranks[index] = max(rank, ranks.get(index, 0))
            for _ in range(rng.randint(1, 4)):
                page_pk = rng.choice(pages[: max(3, len(pages) // 3)] if rng.random() < 0.6 else pages)[0]
                taken.views[(page_pk, day)] += 1
        for query, success in SEARCHES:
            for _ in range(rng.randint(0, 6 if working else 1)):
                taken.searches[(day, query)] += 1
                if rng.random() > success:
                    taken.empty[(day, query)] += 1
        day += dt.timedelta(days=1)
    with db.engine().begin() as connection:
        counting.write(connection, taken)


@analytics_cli.command("seed-demo")
def seed_demo() -> None:
    """Fill the demo's analytics with a made-up history (once; demo mode only)."""
    if not settings().demo:
        raise click.ClickException("seed-demo writes made-up history: it runs only with PLEIN_DEMO=1.")
    session = db.session()
    if session.scalar(select(PageViews.page_pk).limit(1)) is not None or session.scalar(
            select(Readers.period).limit(1)) is not None:
        seeded = session.get(Person, demo_person(PEOPLE[0][1])[0]) is not None
        click.echo("The demo history is there already." if seeded
                   else "There are figures already; the demo history is not added to them.")
        return
    app = the_app()
    real = app.extensions[clocks.EXTENSION]
    now = utcnow()
    app.extensions[clocks.EXTENSION] = ControlledClock(now)
    try:
        written = seed(random.Random(14), now)
    finally:
        app.extensions[clocks.EXTENSION] = real
    click.echo(f"Demo history: {written} comments, views and searches over {MONTHS} months.")
