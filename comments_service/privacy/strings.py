"""The words of "Mijn gegevens", in the site's languages (``pages.strings`` holds the shared ones)."""

from __future__ import annotations

from collections.abc import Mapping

CONFIRM_WORD = {"nl": "WISSEN", "en": "ERASE"}
"""What a person types to confirm an erasure, in the site's language."""

WORDS: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "title": "Mijn gegevens",
        "intro": "Dit is alles wat Plein over je bewaart. Je kunt het downloaden en je kunt het laten wissen.",
        "profile": "Profiel",
        "id": "Inlognaam",
        "name": "Naam",
        "email": "E-mailadres",
        "department": "Afdeling",
        "created": "Voor het eerst gezien",
        "last_seen": "Laatst gezien",
        "held": "Wat Plein verder van je bewaart",
        "held_help": "Aantallen per soort gegevens; de download bevat ze allemaal, met elke eerdere versie van je reacties.",
        "kind": "Soort",
        "count": "Aantal",
        "download": "Download al mijn gegevens (JSON)",
        "erase": "Mijn gegevens wissen",
        "erase_help": "Je reacties worden vervangen door ‘verwijderd’, zodat de antwoorden van anderen blijven staan. "
                      "Hun tekst, eerdere versies, je reacties met emoji, wat je volgt, je meldingen, instellingen en "
                      "je e-mailadres verdwijnen, ook uit de zoekfunctie. Wat je namens een afdeling of als "
                      "mededeling schreef, blijft staan zonder je naam. Dit kan niet ongedaan worden gemaakt.",
        "erase_start": "Verder naar wissen…",
        "confirm_title": "Weet je het zeker?",
        "confirm_help": "Typ {word} om te bevestigen dat Plein alles over je wist. Daarna word je uitgelogd.",
        "confirm_label": "Bevestiging",
        "confirm": "Wis alles definitief",
        "cancel": "Niet wissen, terug",
        "confirm_wrong": "Typ precies {word} om te bevestigen; er is niets gewist.",
        "erased_title": "Je gegevens zijn gewist",
        "erased_text": "Plein bewaart niets meer over je. Je reacties staan als ‘verwijderd’ in de gesprekken. "
                       "Log je opnieuw in, dan begint Plein een nieuw, leeg profiel.",
        "table_people": "Profiel",
        "table_comments": "Reacties",
        "table_comment_revisions": "Eerdere versies van reacties",
        "table_hashtag_uses": "Hashtags in je reacties",
        "table_reactions": "Emoji-reacties",
        "table_follows": "Wat je volgt",
        "table_notifications": "Meldingen",
        "table_notification_preferences": "Mail-instellingen",
        "table_mail_schedules": "Wanneer je mail kreeg",
        "table_group_members": "Groepen",
        "table_page_owners": "Pagina's waarvan je eigenaar bent",
        "table_idempotency_keys": "Onlangs verstuurde schrijfacties",
        "table_questions": "Je vragen",
        "table_announcements": "Mededelingen die je plaatste",
        "table_announcement_seen": "Mededelingen die je zag",
        "table_announcement_mails": "Mededelingen die je per mail kreeg",
        "table_department_posts": "Berichten namens een afdeling",
        "table_analytics_listed": "Je keuze om genoemd te worden in overzichten",
    },
    "en": {
        "title": "My data",
        "intro": "This is everything Plein holds about you. You can download it and you can have it erased.",
        "profile": "Profile",
        "id": "Login name",
        "name": "Name",
        "email": "E-mail address",
        "department": "Department",
        "created": "First seen",
        "last_seen": "Last seen",
        "held": "What else Plein holds about you",
        "held_help": "Counts per kind of data; the download holds all of it, with every earlier version of your comments.",
        "kind": "Kind",
        "count": "Count",
        "download": "Download all my data (JSON)",
        "erase": "Erase my data",
        "erase_help": "Your comments are replaced by ‘removed’, so others' replies stay in place. Their text, earlier "
                      "versions, your emoji reactions, what you follow, your notifications, settings and your e-mail "
                      "address go, from search too. What you wrote in a department's name or as an announcement "
                      "stays, without your name. This cannot be undone.",
        "erase_start": "Go on to erasing…",
        "confirm_title": "Are you sure?",
        "confirm_help": "Type {word} to confirm that Plein erases everything about you. You are signed out afterwards.",
        "confirm_label": "Confirmation",
        "confirm": "Erase everything for good",
        "cancel": "Don't erase, go back",
        "confirm_wrong": "Type exactly {word} to confirm; nothing was erased.",
        "erased_title": "Your data is erased",
        "erased_text": "Plein holds nothing about you any more. Your comments show as ‘removed’ in the conversations. "
                       "If you sign in again, Plein starts a new, empty profile.",
        "table_people": "Profile",
        "table_comments": "Comments",
        "table_comment_revisions": "Earlier versions of comments",
        "table_hashtag_uses": "Hashtags in your comments",
        "table_reactions": "Emoji reactions",
        "table_follows": "What you follow",
        "table_notifications": "Notifications",
        "table_notification_preferences": "Mail settings",
        "table_mail_schedules": "When you got mail",
        "table_group_members": "Groups",
        "table_page_owners": "Pages you own",
        "table_idempotency_keys": "Recently sent writes",
        "table_questions": "Your questions",
        "table_announcements": "Announcements you posted",
        "table_announcement_seen": "Announcements you saw",
        "table_announcement_mails": "Announcements mailed to you",
        "table_department_posts": "Posts in the name of a department",
        "table_analytics_listed": "Your choice to be named in lists",
    },
}
