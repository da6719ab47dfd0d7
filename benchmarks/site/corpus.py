"""Dutch-ish prose for the synthetic intranet: titles, owners, people and page bodies.

Everything is drawn from a `random.Random` passed in, so a seed gives the same site every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SECTIONS: tuple[str, ...] = (
    "nieuws", "richtlijnen", "training", "teams", "projecten", "ict", "hr", "faciliteiten",
    "communicatie", "financien", "juridisch", "waterbeheer", "dijken", "vergunningen",
    "onderzoek", "duurzaamheid", "veiligheid", "klantcontact", "bestuur", "evenementen",
)

HASHTAGS: tuple[str, ...] = (
    "intranetwerkt", "WOL", "gedoe", "watdeklantvindt", "samenwerken", "dijkbewaking",
    "hoogwater", "waterkwaliteit", "duurzaam", "privacy", "nieuwecollega", "thuiswerken",
    "lerenvanelkaar", "klantcontact", "innovatie", "vergunning", "veiligheid", "teamuitje",
    "digitaalwerken", "opleiding", "Wateragenda", "KlimaatAdaptatie", "zomerpeil", "gemaal",
    "biodiversiteit", "begroting", "inspraak", "storingen", "vrijwilligers", "OpenData",
)

FIRST_NAMES: tuple[str, ...] = (
    "Sanne", "Daan", "Fleur", "Bram", "Lotte", "Jesse", "Eva", "Thijs", "Noor", "Ruben",
    "Anouk", "Sem", "Iris", "Lars", "Femke", "Milan", "Yara", "Koen", "Sophie", "Joris",
)
LAST_NAMES: tuple[str, ...] = (
    "de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
)
TEAMS: tuple[str, ...] = (
    "Team Communicatie", "Team ICT", "Team HR", "Team Juridisch", "Team Dijkbeheer",
    "Team Waterkwaliteit", "Team Vergunningen", "Team Facilitair", "Team Financien",
    "Team Onderzoek", "Bestuurssecretariaat", "Klantcontactcentrum",
)

_SUBJECTS = (
    "het team", "de afdeling", "onze collega's", "het waterschap", "de projectgroep",
    "iedere medewerker", "de leidinggevende", "het bestuur", "de werkgroep", "de klant",
    "de inwoner", "het kernteam", "de dijkwacht", "de beheerder",
)
_VERBS = (
    "bespreekt", "verbetert", "deelt", "plant", "controleert", "onderzoekt", "beschrijft",
    "organiseert", "ondersteunt", "evalueert", "publiceert", "regelt", "verzamelt", "bewaakt",
)
_OBJECTS = (
    "de nieuwe werkwijze", "het jaarplan", "de peilbesluiten", "de inspectierondes",
    "het onderhoud van de gemalen", "de klantvragen", "de vergunningaanvragen",
    "de kennis over waterkwaliteit", "de resultaten van de pilot", "het overleg met gemeenten",
    "de planning voor het hoogwaterseizoen", "de afspraken over thuiswerken",
    "het verslag van de vergadering", "de begroting voor volgend jaar", "de opleidingen",
)
_ENDINGS = (
    "elke week", "in overleg met de regio", "voor de zomer", "zonder onnodig gedoe",
    "samen met de buren", "zodra het kan", "op het intranet", "met aandacht voor privacy",
    "in de teamvergadering", "volgens de richtlijnen", "na de evaluatie", "voor iedereen zichtbaar",
)
_TITLE_WORDS = (
    "werkafspraken", "dijkinspectie", "peilbeheer", "thuiswerken", "onboarding", "gemalen",
    "vergunningen", "klantcontact", "jaarplan", "overleg", "hoogwater", "zuivering",
    "inkoop", "verlof", "declaraties", "kennisdeling", "veiligheid", "storingen", "pilot",
    "evaluatie", "begroting", "inspraak", "opleiding", "netwerk", "waterkwaliteit", "archief",
)
_HEADINGS = (
    "Waarom dit belangrijk is", "Zo werkt het", "Afspraken", "Veelgestelde vragen",
    "Wie doet wat", "Planning", "Meer weten", "Achtergrond", "Resultaten", "Volgende stappen",
)


@dataclass(frozen=True)
class Person:
    """A commit author."""

    name: str
    email: str


def people(rng: random.Random, count: int = 40) -> list[Person]:
    """Return `count` distinct people with Dutch names and example.nl addresses."""
    names = sorted({f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES})
    chosen = rng.sample(names, min(count, len(names)))
    return [Person(name, name.lower().replace(" ", ".") + "@example.nl") for name in chosen]


def title(rng: random.Random) -> str:
    """Return a page title of two or three title words."""
    words = rng.sample(_TITLE_WORDS, rng.randint(2, 3))
    return " en ".join([words[0].capitalize(), *words[1:]]) if len(words) == 2 else (
        f"{words[0].capitalize()}: {words[1]} en {words[2]}"
    )


def slug_words(rng: random.Random) -> str:
    """Return a short slug of two title words, used in file names."""
    return "-".join(rng.sample(_TITLE_WORDS, 2))


def owner_yaml(rng: random.Random, team_people: list[Person]) -> str:
    """Return the `owner:` front matter value: a team, a person, or a list of both."""
    roll = rng.random()
    if roll < 0.6:
        return rng.choice(TEAMS)
    if roll < 0.9:
        return rng.choice(team_people).name
    return f"[{rng.choice(TEAMS)}, {rng.choice(team_people).name}]"


def sentence(rng: random.Random) -> str:
    """Return one sentence, sometimes with a hashtag from the vocabulary."""
    words = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_ENDINGS)}"
    text = words[0].upper() + words[1:]
    if rng.random() < 0.25:
        text += f" #{rng.choice(HASHTAGS)}"
    return text + "."


def paragraph(rng: random.Random) -> str:
    """Return a paragraph of three to six sentences; a few carry non-hashtag `#` uses."""
    text = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
    roll = rng.random()
    if roll < 0.05:
        text += f" Zie melding #{rng.randint(100, 9999)} in het zaaksysteem."
    elif roll < 0.08:
        text += " De huisstijlkleur is `#0a5c8f`, zie [de handleiding](https://example.nl/huisstijl#kleuren)."
    return text


def block(rng: random.Random) -> str:
    """Return one body block: a paragraph, a heading with a paragraph, or a list."""
    roll = rng.random()
    if roll < 0.2:
        return f"## {rng.choice(_HEADINGS)}\n\n{paragraph(rng)}"
    if roll < 0.3:
        return "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(3, 5)))
    return paragraph(rng)


def page(page_title: str, owner: str, body_blocks: list[str]) -> str:
    """Return a whole Markdown page: front matter, title and body blocks."""
    body = "\n\n".join(body_blocks)
    return f"---\nowner: {owner}\n---\n\n# {page_title}\n\n{body}\n"


def blocks(rng: random.Random) -> list[str]:
    """Return the body blocks of a new page (four to nine)."""
    return [block(rng) for _ in range(rng.randint(4, 9))]
