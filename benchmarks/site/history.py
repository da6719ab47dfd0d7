"""The synthetic edit history: which commit adds, edits or renames which page.

`plan_history` yields commits in order; every page is added once, then edited and sometimes renamed
(within its section or into another one). The plan is a pure function of its arguments and seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from benchmarks.site import corpus
from benchmarks.site.corpus import Person

START_EPOCH = 1672646400  # 2023-01-02 08:00 UTC
RENAME_SHARE = 0.04
ADD_SHARE = 0.2
ADD_WINDOW = 0.6


@dataclass
class Page:
    """One Markdown page as it stands at some point of the history."""

    path: str
    title: str
    owner: str
    blocks: list[str]
    editors: list[Person]

    def text(self) -> str:
        """Return the page's Markdown source."""
        return corpus.page(self.title, self.owner, self.blocks)


@dataclass(frozen=True)
class Modify:
    """Write `content` to `path` (adds or replaces the file)."""

    path: str
    content: str


@dataclass(frozen=True)
class Rename:
    """Move the file at `old` to `new`."""

    old: str
    new: str


@dataclass
class Commit:
    """One commit of the plan; paths are relative to the repository root."""

    author: Person
    when: int
    message: str
    changes: list[Modify | Rename] = field(default_factory=list)


@dataclass
class Plan:
    """The settings of a synthetic site and the pages it holds at the end of its history."""

    pages: int
    commits: int
    sections: int
    seed: int
    docs_prefix: str = "docs/"
    final_pages: list[Page] = field(default_factory=list)


def section_names(count: int) -> list[str]:
    """Return `count` section directory names."""
    names = list(corpus.SECTIONS[:count])
    names += [f"sectie-{number:02d}" for number in range(len(names) + 1, count + 1)]
    return names


def _add_slots(rng: random.Random, commits: int, batches: int) -> list[int]:
    """Return the indexes of the commits that add pages: commit 0 and others early in the history."""
    window = range(1, max(2, int(commits * ADD_WINDOW)))
    extra = min(batches - 1, len(window), commits - 1)
    return [0, *sorted(rng.sample(window, extra))]


def _new_pages(rng: random.Random, plan: Plan, everyone: list[Person]) -> list[Page]:
    """Return the pages to be added: the home page, then the others spread evenly over the sections."""
    sections = section_names(plan.sections)
    pages = [Page("index.md", "Welkom op het intranet", corpus.TEAMS[0], corpus.blocks(rng), everyone[:3])]
    for number in range(1, plan.pages):
        section = sections[number % len(sections)]
        editors = rng.sample(everyone, 3)
        path = f"{section}/{corpus.slug_words(rng)}-{number:04d}.md"
        pages.append(Page(path, corpus.title(rng), corpus.owner_yaml(rng, editors), corpus.blocks(rng), editors))
    return pages


def _edit(rng: random.Random, page: Page) -> None:
    """Change one page in place: rewrite, add or drop a block, or hand it to another owner."""
    roll = rng.random()
    if roll < 0.5:
        page.blocks[rng.randrange(len(page.blocks))] = corpus.block(rng)
    elif roll < 0.8 or len(page.blocks) <= 3:
        page.blocks.insert(rng.randrange(len(page.blocks) + 1), corpus.block(rng))
    elif roll < 0.9:
        del page.blocks[rng.randrange(len(page.blocks))]
    else:
        page.owner = corpus.owner_yaml(rng, page.editors)


def _rename(rng: random.Random, page: Page, sections: list[str], serial: int) -> str:
    """Move a page to a new name, in its own section or another; return the old path."""
    old = page.path
    section = old.split("/")[0] if rng.random() < 0.5 else rng.choice(sections)
    page.path = f"{section}/{corpus.slug_words(rng)}-r{serial:04d}.md"
    return old


def plan_history(plan: Plan) -> Iterator[Commit]:
    """Yield the commits of the synthetic history; `plan.final_pages` is filled when done."""
    rng = random.Random(plan.seed)
    everyone = corpus.people(rng)
    sections = section_names(plan.sections)
    home, *rest = _new_pages(rng, plan, everyone)
    rng.shuffle(rest)
    pending = [home, *rest]
    slots = _add_slots(rng, plan.commits, max(1, min(plan.pages, int(plan.commits * ADD_SHARE))))
    per_slot, extra = divmod(len(pending), len(slots))
    batch_sizes = {slot: per_slot + (index < extra) for index, slot in enumerate(slots)}
    existing: list[Page] = []
    when = START_EPOCH
    for index in range(plan.commits):
        when += rng.randint(600, 12 * 3600)
        if index in batch_sizes:
            batch, pending = pending[: batch_sizes[index]], pending[batch_sizes[index] :]
            existing.extend(batch)
            author = rng.choice(batch[0].editors)
            changes: list[Modify | Rename] = [Modify(plan.docs_prefix + p.path, p.text()) for p in batch]
            yield Commit(author, when, f"Voeg {len(batch)} pagina('s) toe", changes)
        elif rng.random() < RENAME_SHARE and len(existing) > 1:
            page = rng.choice(existing[1:])
            old = _rename(rng, page, sections, index)
            changes = [Rename(plan.docs_prefix + old, plan.docs_prefix + page.path)]
            if rng.random() < 0.3:
                _edit(rng, page)
                changes.append(Modify(plan.docs_prefix + page.path, page.text()))
            yield Commit(rng.choice(page.editors), when, f"Verplaats {old} naar {page.path}", changes)
        else:
            touched = rng.sample(existing, min(len(existing), rng.choice((1, 1, 1, 2, 3))))
            for page in touched:
                _edit(rng, page)
            author = rng.choice(touched[0].editors) if rng.random() < 0.7 else rng.choice(everyone)
            changes = [Modify(plan.docs_prefix + page.path, page.text()) for page in touched]
            yield Commit(author, when, f"Werk {touched[0].title} bij", changes)
    plan.final_pages = existing
