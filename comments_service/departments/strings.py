"""The words of department accounts in Dutch and English (a test checks both have the same keys)."""

from __future__ import annotations

from collections.abc import Mapping

STRINGS: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "department_account": "Afdelingsaccount",
        "members": "Leden",
        "unnamed": "en {count} collega('s) met een laag profiel",
        "no_members": "Plein kent nog geen leden van deze afdeling.",
        "posts": "Wat {name} schreef",
        "no_posts": "{name} heeft nog niets geschreven.",
        "intro": "Leden van {name} kunnen reageren en aankondigen namens de afdeling. Lezers zien de afdeling; "
                 "moderatoren zien wie het schreef.",
    },
    "en": {
        "department_account": "Department account",
        "members": "Members",
        "unnamed": "and {count} colleague(s) keeping a low profile",
        "no_members": "Plein knows no members of this department yet.",
        "posts": "What {name} wrote",
        "no_posts": "{name} has written nothing yet.",
        "intro": "Members of {name} can comment and announce on behalf of the department. Readers see the "
                 "department; moderators see who wrote it.",
    },
}
