"""Every sentence of a mail and of the unsubscribe pages, in Dutch and English.

Kept as data beside the templates (no logic in templates, no gettext catalogue for some thirty lines); a
test checks both languages have the same keys, so a sentence is never missing in one of them.
"""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "someone": "Iemand",
        "item.mention": "{actor} noemde je bij “{page}”",
        "item.reply": "{actor} reageerde op je reactie bij “{page}”",
        "item.owner": "{actor} reageerde op je pagina “{page}”",
        "item.follow": "{actor} schreef bij “{page}”, dat je volgt",
        "item.question": "{actor} stelde een vraag op je pagina “{page}”",
        "item.unanswered": "Een vraag op je pagina “{page}” wacht nog op antwoord",
        "item.escalated": "Een vraag bij “{page}” wacht nog op antwoord, ook na een herinnering aan de eigenaar",
        "subject.many": "{count} nieuwe meldingen op Plein",
        "subject.digest": "Wat je gemist hebt op Plein: {count} meldingen",
        "intro.instant": "Dit is er voor je gebeurd op Plein:",
        "intro.digest": "Dit heb je gemist sinds je laatste bezoek aan Plein:",
        "more": "en nog {count} op Plein.",
        "open": "Bekijk de reactie",
        "why": "Je krijgt deze mail omdat je mail over {kinds} aan hebt staan.",
        "unsubscribe": "Geen mail meer over {kinds}",
        "kind.mention": "vermeldingen van jou",
        "kind.reply": "reacties op jou",
        "kind.owner": "reacties op je pagina's",
        "kind.follow": "wat je volgt",
        "kind.question": "vragen op je pagina's",
        "kind.unanswered": "onbeantwoorde vragen op je pagina's",
        "kind.escalated": "onbeantwoorde vragen op het intranet",
        "kind.announcement": "aankondigingen",
        "and": " en ",
        "page.title": "Afmelden voor mail van Plein",
        "page.question": "Wil je geen mail meer over {kinds}?",
        "page.button": "Afmelden",
        "page.done": "Je krijgt geen mail meer over {kinds}. Je meldingen blijven op Plein staan.",
        "error.bad_unsubscribe_token": "Deze afmeldlink klopt niet. Gebruik de link uit de laatste mail van Plein.",
        "error.expired_unsubscribe_token": "Deze afmeldlink is verlopen. Gebruik de link uit een recente mail.",
        "error.person_not_found": "Deze persoon kent Plein niet meer.",
    },
    "en": {
        "someone": "Someone",
        "item.mention": "{actor} mentioned you on “{page}”",
        "item.reply": "{actor} replied to your comment on “{page}”",
        "item.owner": "{actor} commented on your page “{page}”",
        "item.follow": "{actor} wrote on “{page}”, which you follow",
        "item.question": "{actor} asked a question on your page “{page}”",
        "item.unanswered": "A question on your page “{page}” still waits for an answer",
        "item.escalated": "A question on “{page}” still waits for an answer, also after a reminder to its owner",
        "subject.many": "{count} new notifications on Plein",
        "subject.digest": "What you missed on Plein: {count} notifications",
        "intro.instant": "This happened for you on Plein:",
        "intro.digest": "This is what you missed since your last visit to Plein:",
        "more": "and {count} more on Plein.",
        "open": "See the comment",
        "why": "You get this mail because mail about {kinds} is on.",
        "unsubscribe": "No more mail about {kinds}",
        "kind.mention": "mentions of you",
        "kind.reply": "replies to you",
        "kind.owner": "comments on your pages",
        "kind.follow": "what you follow",
        "kind.question": "questions on your pages",
        "kind.unanswered": "unanswered questions on your pages",
        "kind.escalated": "unanswered questions on the intranet",
        "kind.announcement": "announcements",
        "and": " and ",
        "page.title": "Unsubscribe from Plein's mail",
        "page.question": "Stop mail about {kinds}?",
        "page.button": "Unsubscribe",
        "page.done": "You get no more mail about {kinds}. Your notifications stay on Plein.",
        "error.bad_unsubscribe_token": "This unsubscribe link is not right. Use the link in Plein's latest mail.",
        "error.expired_unsubscribe_token": "This unsubscribe link has expired. Use the link in a recent mail.",
        "error.person_not_found": "Plein no longer knows this person.",
    },
}


def text(language: str, key: str, **values: object) -> str:
    """The sentence ``key`` in ``language``, filled in."""
    return TEXTS[language][key].format(**values)


def kinds_phrase(language: str, kinds: list[str]) -> str:
    """``mentions of you and replies to you``: the kinds of a mail, as one phrase."""
    names = [TEXTS[language][f"kind.{kind}"] for kind in kinds]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + TEXTS[language]["and"] + names[-1]
