"""The words and number formats of the dashboard and the report, in Dutch and English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
MONTH_NAMES = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}

STRINGS: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "title": "Cijfers",
        "intro": "Wat er gelezen en besproken wordt. Alleen aantallen: wie wat las wordt niet bewaard, en geen cijfer "
                 "gaat over minder dan 5 mensen.",
        "demo": "Deze cijfers komen uit een verzonnen geschiedenis.",
        "period": "Periode",
        "period_7d": "7 dagen", "period_28d": "28 dagen", "period_3m": "3 maanden", "period_12m": "12 maanden",
        "until": "Tot en met",
        "show": "Tonen",
        "span": "{first} t/m {last}, vergeleken met {previous_first} t/m {previous_last}",
        "span_not_compared": "{first} t/m {last}; niet vergeleken met de periode ervoor, want de cijfers beginnen op "
                             "{start}",
        "rising_not_compared": "Geen vergelijking: de periode ervoor ligt (deels) voor het begin van de cijfers.",
        "figure": "Cijfer", "this_period": "Deze periode", "previous_period": "Periode ervoor", "change": "Verschil",
        "readers": "Lezers", "views": "Paginaweergaven", "participants": "Deelnemers",
        "new_participants": "Nieuwe deelnemers", "share": "Deel van de lezers dat meedoet",
        "comments": "Reacties", "replies": "Antwoorden op reacties", "reactions": "Emoji-reacties",
        "fewer": "< 5", "new": "nieuw", "points": "%-punt",
        "fewer_note": "< 5: minder dan 5 mensen, dus niet getoond.",
        "readers_participants": "Lezers en deelnemers",
        "per_day": "Per dag", "per_month": "Per maand",
        "day": "Dag", "month": "Maand",
        "conversations": "Gesprekken",
        "top_pages": "Meest gelezen pagina's", "page": "Pagina",
        "sections": "Onderdelen", "section": "Onderdeel", "home": "(startpagina)",
        "hashtags": "Populaire hashtags", "hashtag": "Hashtag", "uses": "Gebruikt", "before": "Periode ervoor",
        "trend": "Verloop",
        "rising": "Sterkst gestegen hashtags",
        "hashtag_series": "Een hashtag door de maanden",
        "hashtag_pick": "Hashtag", "hashtag_help": "Bijvoorbeeld gedoe",
        "on_pages": "Op pagina's", "in_comments": "In reacties",
        "questions": "Vragen",
        "asked": "Gesteld", "answered": "Beantwoord", "answer_rate": "Beantwoord (deel)",
        "best_answer_rate": "Met beste antwoord (deel)", "median_first_answer": "Mediane tijd tot eerste antwoord",
        "median_first_answer_working": "Mediane tijd tot eerste antwoord in werktijd",
        "median_best_answer": "Mediane tijd tot beste antwoord",
        "median_best_answer_working": "Mediane tijd tot beste antwoord in werktijd", "unanswered": "Onbeantwoord",
        "working_time_note": "Werktijd telt weekends, feestdagen en vrije dagen van de organisatie niet mee, net als "
                             "het doorsturen van onbeantwoorde vragen.",
        "waited_longest": "Vragen die het langst wachtten", "waited": "Wachtte", "open": "nog open",
        "searches": "Zoekvragen", "query": "Zoekvraag", "times": "Keer gezocht", "empty": "Zonder resultaat",
        "empty_searches": "Zoekvragen zonder resultaat",
        "searches_note": "Alleen zoekvragen die minstens 5 keer gesteld zijn.",
        "departments": "Deelnemers per afdeling", "department": "Afdeling", "other": "Overig",
        "contributors": "Actiefste collega's",
        "contributors_note": "Alleen wie daarvoor gekozen heeft en geen laag profiel heeft.",
        "name": "Naam",
        "none": "Niets in deze periode.",
        "too_few": "Minder dan 5 deelnemers in deze periode: geen uitsplitsing.",
        "csv": "Download als CSV",
        "chart_table": "De cijfers van de grafiek",
        "no_role": "Deze cijfers zijn er voor communicatie en management. Vraag hen als je ze wilt zien.",
        "sign_in": "Log in om deze pagina te zien.",
        "back_home": "Naar de startpagina", "back_figures": "Terug naar de cijfers",
        "listing_title": "Genoemd worden in lijsten",
        "listing_intro": "De cijferpagina van communicatie en management kan een lijst van de actiefste collega's "
                         "tonen. Daarin sta je alleen als je dat hier kiest (en geen laag profiel hebt).",
        "listing_yes": "Ik wil in zulke lijsten genoemd kunnen worden",
        "listing_save": "Bewaren",
        "listing_saved": "Je keuze is bewaard.",
        "report_link": "Maandrapport van vorige maand", "report_html": "als webpagina", "report_pdf": "als pdf",
        "report_title": "Maandrapport {month}",
        "report_intro": "De cijfers van {month}, vergeleken met {previous}.",
        "report_intro_not_compared": "De cijfers van {month}; niet vergeleken met {previous}, want de cijfers beginnen "
                                     "op {start}.",
        "report_subject": "Plein: maandrapport {month}",
        "report_mail": "Bijgaand het maandrapport van Plein over {month}, als pdf en hieronder.",
        "hours": "{h} u {m} min", "days": "{d} d {h} u",
    },
    "en": {
        "title": "Figures",
        "intro": "What is read and discussed. Counts only: who read what is not stored, and no figure is about fewer "
                 "than 5 people.",
        "demo": "These figures come from a made-up history.",
        "period": "Period",
        "period_7d": "7 days", "period_28d": "28 days", "period_3m": "3 months", "period_12m": "12 months",
        "until": "Up to and including",
        "show": "Show",
        "span": "{first} to {last}, compared with {previous_first} to {previous_last}",
        "span_not_compared": "{first} to {last}; not compared with the period before, as the figures begin on {start}",
        "rising_not_compared": "No comparison: the period before lies (partly) before the figures begin.",
        "figure": "Figure", "this_period": "This period", "previous_period": "Period before", "change": "Change",
        "readers": "Readers", "views": "Page views", "participants": "Participants",
        "new_participants": "New participants", "share": "Share of readers who take part",
        "comments": "Comments", "replies": "Replies", "reactions": "Emoji reactions",
        "fewer": "< 5", "new": "new", "points": "pp",
        "fewer_note": "< 5: fewer than 5 people, so not shown.",
        "readers_participants": "Readers and participants",
        "per_day": "Per day", "per_month": "Per month",
        "day": "Day", "month": "Month",
        "conversations": "Conversations",
        "top_pages": "Most read pages", "page": "Page",
        "sections": "Sections", "section": "Section", "home": "(home page)",
        "hashtags": "Trending hashtags", "hashtag": "Hashtag", "uses": "Uses", "before": "Period before",
        "trend": "Trend",
        "rising": "Hashtags that rose most",
        "hashtag_series": "One hashtag over the months",
        "hashtag_pick": "Hashtag", "hashtag_help": "For example gedoe",
        "on_pages": "On pages", "in_comments": "In comments",
        "questions": "Questions",
        "asked": "Asked", "answered": "Answered", "answer_rate": "Answer rate",
        "best_answer_rate": "Best-answer rate", "median_first_answer": "Median time to first answer",
        "median_first_answer_working": "Median time to first answer in working time",
        "median_best_answer": "Median time to best answer",
        "median_best_answer_working": "Median time to best answer in working time", "unanswered": "Unanswered",
        "working_time_note": "Working time leaves out weekends, public holidays and the organisation's days off, as "
                             "the escalation of unanswered questions does.",
        "waited_longest": "Questions that waited longest", "waited": "Waited", "open": "still open",
        "searches": "Searches", "query": "Query", "times": "Searched", "empty": "Without results",
        "empty_searches": "Searches without results",
        "searches_note": "Only queries searched at least 5 times.",
        "departments": "Participants per department", "department": "Department", "other": "Other",
        "contributors": "Most active colleagues",
        "contributors_note": "Only people who chose to be listed and are not low profile.",
        "name": "Name",
        "none": "Nothing in this period.",
        "too_few": "Fewer than 5 participants in this period: no breakdown.",
        "csv": "Download as CSV",
        "chart_table": "The chart's figures",
        "no_role": "These figures are for communication and management. Ask them if you would like to see them.",
        "sign_in": "Sign in to see this page.",
        "back_home": "To the home page", "back_figures": "Back to the figures",
        "listing_title": "Being named in lists",
        "listing_intro": "The figures page of communication and management can show a list of the most active "
                         "colleagues. You are in it only if you choose so here (and are not low profile).",
        "listing_yes": "I would like to be named in such lists",
        "listing_save": "Save",
        "listing_saved": "Your choice is saved.",
        "report_link": "Last month's report", "report_html": "as a web page", "report_pdf": "as PDF",
        "report_title": "Monthly report {month}",
        "report_intro": "The figures of {month}, compared with {previous}.",
        "report_intro_not_compared": "The figures of {month}; not compared with {previous}, as the figures begin on "
                                     "{start}.",
        "report_subject": "Plein: monthly report {month}",
        "report_mail": "Attached is Plein's monthly report on {month}, as a PDF and below.",
        "hours": "{h} h {m} min", "days": "{d} d {h} h",
    },
}


def number(value: int | None, language: str) -> str:
    """A whole number with the language's thousands separator; ``< 5`` for a figure withheld."""
    if value is None:
        return STRINGS[language]["fewer"]
    text = f"{value:,}"
    return text.replace(",", ".") if language == "nl" else text


def percent(value: float | None, language: str) -> str:
    """A share as a whole percentage; a dash when there is none."""
    return "–" if value is None else f"{round(value * 100)}%"


def change(now: int | float | None, before: int | float | None, language: str) -> str:
    """The difference with the period before, as a signed percentage; "new" after nothing, a dash when either is
    unknown or both are zero."""
    if now and before == 0:
        return STRINGS[language]["new"]
    if now is None or before is None or before == 0:
        return "–"
    return _signed(round((now - before) / before * 100), "%")


def share_change(now: float | None, before: float | None, language: str) -> str:
    """The difference between two shares in percentage points, as shown (12 % after 19 % is "−7 %-punt"): their
    relative change ("−37 %") would read as if a third of the readers or answers had gone."""
    if now is None or before is None:
        return "–"
    return _signed(round(now * 100) - round(before * 100), " " + STRINGS[language]["points"])


def _signed(difference: int, unit: str) -> str:
    """``+7%``, ``−7%`` (a minus sign, not a hyphen), ``0%``."""
    sign = "+" if difference > 0 else "−" if difference < 0 else ""
    return f"{sign}{abs(difference)}{unit}"


def duration(value: dt.timedelta | None, language: str) -> str:
    """A waiting time in hours and minutes, or days and hours from two days on."""
    if value is None:
        return "–"
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours >= 48:
        return STRINGS[language]["days"].format(d=hours // 24, h=hours % 24)
    return STRINGS[language]["hours"].format(h=hours, m=minutes)


def day_label(day: dt.date, language: str) -> str:
    """``6 dec`` / ``6 Dec``."""
    return f"{day.day} {MONTHS[language][day.month - 1]}"


def month_label(month: dt.date, language: str, *, long: bool = False) -> str:
    """``dec 2026``, or ``december 2026`` when ``long``."""
    names = MONTH_NAMES if long else MONTHS
    return f"{names[language][month.month - 1]} {month.year}"


def date_label(day: dt.date, language: str) -> str:
    """``6 dec 2026``."""
    return f"{day_label(day, language)} {day.year}"
