"""The conversation both systems are seeded with: 50 comments (40 on the page, 10 replies), same texts."""

from __future__ import annotations

from dataclasses import dataclass

COMMENTS = 50
REPLIES = 10

_SENTENCES = (
    "Goed dat dit eindelijk op het intranet staat, dit zocht ik al weken.",
    "Kunnen we de **bewaartermijn** nog even nalopen met het team van #privacy?",
    "Bij ons werkt het zo: eerst een korte check-in, daarna pas de agenda. #WOL",
    "Zie ook [de richtlijn](https://intranet.example/richtlijnen/samenwerken/) voor de details.",
    "Ik mis nog een voorbeeld voor teams die vooral *buiten* op locatie werken.",
    "Dank voor het delen! Dit nemen we mee in het overleg van donderdag. #intranetwerkt",
    "Wat de klant vindt, horen we vaak pas achteraf. Kunnen we dat eerder ophalen? #watdeklantvindt",
    "Kleine tip: gebruik `#kanaal` niet voor persoonlijke berichten.",
)


@dataclass(frozen=True)
class SeedComment:
    """One comment to post; `reply_to` is the index (in this list) of the comment it answers."""

    text: str
    reply_to: int | None


def seed_comments() -> list[SeedComment]:
    """Comments of two or three sentences each (a few hundred characters, some Markdown and hashtags)."""
    comments = []
    for index in range(COMMENTS):
        sentences = [_SENTENCES[(index + step) % len(_SENTENCES)] for step in range(2 + index % 2)]
        reply_to = index - (COMMENTS - REPLIES) if index >= COMMENTS - REPLIES else None
        comments.append(SeedComment(text=f"Reactie {index + 1}. " + " ".join(sentences), reply_to=reply_to))
    return comments


WRITE_TEXT = "Schrijftest {n}: een nieuwe reactie met een #hashtag, **nadruk** en een [link](https://example.nl/)."
MENTIONED = "collega"
"""The colleague every comment of the mention load mentions."""
MENTION_TEXT = "Schrijftest {n}: @" + MENTIONED + ", kijk je mee? Een #hashtag, **nadruk** en een [link](https://example.nl/)."
