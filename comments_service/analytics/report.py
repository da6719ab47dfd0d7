"""The monthly report: ``flask report --month YYYY-MM --out DIR`` writes ``report.html`` and ``report.pdf``; a
periodic job mails it to ``PLEIN_REPORT_RECIPIENTS`` on the first working day of each month.

The month's figures against the month before, its days as charts, the top hashtags and those that rose most,
the questions that waited longest, in the mail language (``PLEIN_MAIL_LANGUAGE``). The PDF is WeasyPrint's
rendering of the same HTML (charts are inline SVG, which it draws itself). Several job workers may run the
mailing: a row per month is the claim (inserted once; a claim older than ``LEASE`` whose mail was not marked
sent may be taken over), so the report goes out once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import click
from flask import Flask, render_template
from flask.cli import with_appcontext
from huey import crontab
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from .. import db
from ..clock import utcnow
from ..identity import settings
from ..notifications import jobs
from ..notifications.mail.compose import mail_domain
from ..notifications.mail.senders import sender_for
from . import figures
from .figures import data_start
from .settings import recipients
from .models import ReportMailing
from .overview import Overview, build, series_tables
from .periods import Span, add_months, check_in_data, month_span, parse_month
from .strings import STRINGS, date_label, month_label
from .timezone import zone

LEASE = dt.timedelta(minutes=30)
"""How long a claimed mailing may take before another worker sends it instead."""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Report:
    """A month's report as HTML, and its PDF."""

    month: dt.date
    html: str
    pdf: bytes
    overview: Overview


def make_report(month: dt.date, language: str) -> Report:
    """The report of ``month`` (its first day) in ``language``; ``ValueError`` for a month outside the data."""
    from weasyprint import HTML  # imported when a report is made: it loads Pango, which requests never need

    session = db.session()
    tz = zone()
    span = month_span(month)
    first_day = data_start(session, tz)
    try:
        check_in_data(span, utcnow().astimezone(tz).date(), first_day)
    except Exception as error:  # an ApiError: its sentence is what the command says
        raise ValueError(str(error)) from None
    overview = build(session, span, tz, settings().site_root, language, data_start=first_day, print_=True)
    days = figures.source(session, Span(span.first, span.last, False), tz)
    overview.tables["reading"], overview.tables["conversations"] = series_tables(session, days, language, True)
    words = STRINGS[language]
    html = render_template(
        "analytics/report.html", t=words, overview=overview, language=language, demo=settings().demo,
        title=words["report_title"].format(month=month_label(month, language, long=True)),
        intro=words["report_intro" if overview.before else "report_intro_not_compared"].format(
            month=month_label(month, language, long=True),
            previous=month_label(add_months(month, -1), language, long=True),
            start=date_label(first_day, language) if first_day else "–"),
    )
    return Report(month, html, HTML(string=html).write_pdf(), overview)


@click.command("report")
@click.option("--month", "month_text", required=True, help="The month, YYYY-MM.")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder for report.html and report.pdf (made if missing).")
@with_appcontext
def report_command(month_text: str, out: Path) -> None:
    """Write the monthly report of MONTH as report.html and report.pdf into OUT."""
    try:
        month = parse_month(month_text)
        report = make_report(month, settings().mail.language)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--month") from None
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.html").write_text(report.html, encoding="utf-8")
        (out / "report.pdf").write_bytes(report.pdf)
    except OSError as error:
        raise click.ClickException(f"Cannot write the report into {out}: {error.strerror or error}.") from None
    click.echo(f"{out / 'report.html'}\n{out / 'report.pdf'}")


def due_month(now: dt.datetime) -> dt.date | None:
    """The month whose report is due at ``now``: the previous one, from the digest hour of this month's first
    working day on (a worker that was down then catches up later in the month)."""
    local = now.astimezone(zone())
    this_month = local.date().replace(day=1)
    first_working_day = settings().working_calendar.first_working_day(this_month)
    if local.date() < first_working_day or (
        local.date() == first_working_day and local.hour < settings().mail.digest_hour
    ):
        return None
    return add_months(this_month, -1)


def claim(month: dt.date, now: dt.datetime) -> bool:
    """Take the month's mailing; ``False`` when it is sent or another worker holds a fresh claim."""
    key = month.isoformat()[:7]
    session = db.session()
    try:
        with db.transaction():
            session.add(ReportMailing(month=key, claimed=now))
        return True
    except IntegrityError:
        pass
    with db.transaction():
        taken = session.execute(
            update(ReportMailing)
            .where(ReportMailing.month == key, ReportMailing.sent.is_(None), ReportMailing.claimed < now - LEASE)
            .values(claimed=now)
        )
    return bool(taken.rowcount)  # type: ignore[attr-defined]


def compose(report: Report, to: tuple[str, ...], language: str) -> EmailMessage:
    """The mail: a plain-text line, the report as HTML, the PDF attached."""
    config = settings()
    words = STRINGS[language]
    month = month_label(report.month, language, long=True)
    message = EmailMessage()
    message["From"] = config.mail.sender
    message["To"] = ", ".join(to)
    message["Subject"] = words["report_subject"].format(month=month)
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(f"report.{report.month.isoformat()[:7]}", domain=mail_domain(config))
    message.set_content(words["report_mail"].format(month=month) + "\n")
    message.add_alternative(report.html, subtype="html")
    message.add_attachment(report.pdf, maintype="application", subtype="pdf",
                           filename=f"plein-{report.month.isoformat()[:7]}.pdf")
    return message


@jobs.periodic("analytics_monthly_report", crontab(minute="*/10"))
def mail_monthly_report(app: Flask) -> bool:
    """Mail last month's report once, when it is due and not yet sent (run by the job worker); whether this
    run claimed it."""
    config = settings()
    sender = sender_for(config.mail)
    if not recipients() or sender is None:
        return False
    now = utcnow()
    month = due_month(now)
    if month is None or not claim(month, now):
        return False
    language = config.mail.language
    try:
        report = make_report(month, language)
    except ValueError:  # no figures that month (a new installation): nothing to mail, and done
        log.info("analytics: no figures for %s, no report mailed", month)
    else:
        with sender:
            sender.send(compose(report, recipients(), language))
    with db.transaction() as session:
        session.execute(update(ReportMailing).where(ReportMailing.month == month.isoformat()[:7]).values(sent=utcnow()))
    return True


def init_app(app: Flask) -> None:
    """``flask report``."""
    app.cli.add_command(report_command)

