"""A deterministic Dutch-ish intranet for the search benchmark: pages and comments with hashtags.

Words and tags follow Zipf-like frequencies, as real text does, so a few words and tags are very common
(the expensive queries) and most are rare.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from comments_service.search import SearchDocument, comment_doc_id, page_doc_id

SEED = 20261123
START = datetime(2023, 1, 1, tzinfo=UTC)
SPAN_DAYS = 3 * 365

FUNCTION_WORDS = (
    "de het een en van in is dat op te ik je die niet met voor zijn er maar om ook als dan aan bij nog wat "
    "naar we kan wel hebben was door over of al uit zo geen"
).split()
"""The most frequent words of real Dutch text, as here; the analysers drop them as stop words."""
CONTENT_WORDS = (
    "vergadering intranet team project klant collega afdeling nieuws bericht reactie vraag antwoord "
    "werken thuis kantoor overleg planning document beleid privacy regel afspraak training les module "
    "samenwerking online delen kennis ervaring idee voorstel besluit agenda notulen koffie lunch borrel "
    "directie manager medewerker organisatie proces systeem website pagina link tekst foto video "
    "probleem oplossing verbetering feedback enquete resultaat doel budget kosten tijd week maand jaar "
    "vandaag morgen gisteren goed slecht nieuw oud groot klein snel langzaam belangrijk handig lastig "
    "mooi leuk fijn jammer graag zeker misschien eigenlijk gewoon echt heel erg ook nog al wel niet"
).split()
SYLLABLES = "ver ga de ring in tra net werk klan te lei ding ge sprek plan no ti tie be stuur wet".split()
TAGS = (
    "intranetwerkt WOL gedoe watdeklantvindt privacy thuiswerken onboarding samenwerken feedback "
    "innovatie duurzaamheid vergaderen klantreis lean agile kennisdelen welzijn veiligheid"
).split()


class Corpus:
    """Pages and comments generated from one seed; the same arguments always give the same documents."""

    def __init__(self, pages: int, comments: int, seed: int = SEED) -> None:
        self.pages = pages
        self.comments = comments
        self.seed = seed
        rng = random.Random(seed)
        compounds = {"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(6000)}
        self.content = CONTENT_WORDS + sorted(compounds - set(CONTENT_WORDS))
        self.words = FUNCTION_WORDS + self.content
        self.tags = TAGS + [f"{rng.choice(self.words)}{n}" for n in range(200 - len(TAGS))]
        self._word_weights = _zipf(len(self.words))
        self._content_weights = self._word_weights[len(FUNCTION_WORDS) :]
        self._tag_weights = _zipf(len(self.tags))

    def documents(self) -> Iterator[SearchDocument]:
        """All pages, then all comments."""
        rng = random.Random(self.seed + 1)
        page_ids = [f"sectie{n % 40}/pagina-{n}" for n in range(self.pages)]
        for n, page_id in enumerate(page_ids):
            yield self._doc(rng, page_doc_id(page_id), "page", page_id, rng.randint(150, 800), rng.randint(1, 5))
        for n in range(self.comments):
            page_id = rng.choice(page_ids)
            tags = rng.choices((0, 1, 2, 3), weights=(40, 35, 18, 7))[0]
            yield self._doc(rng, comment_doc_id(n + 1), "comment", page_id, rng.randint(12, 70), tags)

    def query_words(self, rng: random.Random, count: int) -> list[str]:
        """Content words as people search for them: common ones more often."""
        return rng.choices(self.content, weights=self._content_weights, k=count)

    def query_tags(self, rng: random.Random, count: int) -> list[str]:
        """Hashtags as people click them: popular ones more often."""
        return [tag.casefold() for tag in rng.choices(self.tags, weights=self._tag_weights, k=count)]

    def _doc(self, rng: random.Random, doc_id: str, kind: str, page_id: str, words: int, tags: int) -> SearchDocument:
        body = rng.choices(self.words, weights=self._word_weights, k=words)
        chosen = sorted(set(rng.choices(self.tags, weights=self._tag_weights, k=tags)))
        for tag in chosen:
            body.insert(rng.randrange(len(body) + 1), f"#{tag}")
        sentences = [" ".join(body[i : i + 12]).capitalize() + "." for i in range(0, len(body), 12)]
        url = f"{page_id}/" if kind == "page" else f"{page_id}/#comment-{doc_id.split(':')[1]}"
        return SearchDocument(
            doc_id=doc_id,
            kind=kind,  # type: ignore[arg-type]
            page_id=page_id,
            title=" ".join(self.query_words(rng, 3)).capitalize(),
            url=url,
            text=" ".join(sentences),
            language="nl",
            hashtags=tuple(tag.casefold() for tag in chosen),
            author=f"medewerker{rng.randint(1, 500)}",
            created=START + timedelta(seconds=rng.randint(0, SPAN_DAYS * 86400)),
        )


def _zipf(size: int, exponent: float = 1.0) -> list[float]:
    return [1.0 / (rank**exponent) for rank in range(1, size + 1)]
