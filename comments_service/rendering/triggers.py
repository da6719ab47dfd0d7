"""Try only the inline patterns that can match in the comment.

Python-Markdown tries every inline pattern on every piece of text, and each try costs a few microseconds even
when the pattern cannot match: a comment without `` ` `` has no code span, one without `@` no mention, one
without a definition (`[id]: url`) no reference link. Most comments can trigger a few of the dozen patterns, so
before each conversion the inline tree processor gets the registry of just those (built once per combination).
A pattern that never matches changes nothing when skipped, so the HTML stays the same; a pattern not listed here
is always tried.
"""

from __future__ import annotations

from typing import cast

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import InlineProcessor as InlineTreeprocessor
from markdown.util import Registry

# Pattern name -> what a comment must contain (one of) for the pattern to match. Every character an inline
# pattern sees comes from the comment itself, except `\n`, which the whitespace normaliser also makes of `\r`.
# Reference links resolve only against a definition (`[id]: url`) in the same comment.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("]:",),
    "link": ("[",),
    "short_reference": ("]:",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("\n", "\r"),
    "nl": ("\n", "\r"),
    "hashtag": ("#",),
    "entity": ("&",),
    "mention": ("@",),
    "em_strong": ("*", "_"),
}


class PatternSelector:
    """Hands `md`'s inline tree processor the registry of the patterns a text can trigger."""

    def __init__(self, md: Markdown) -> None:
        self.treeprocessor = cast(InlineTreeprocessor, md.treeprocessors["inline"])
        needs = {id(md.inlinePatterns[name]): chars for name, chars in TRIGGERS.items() if name in md.inlinePatterns}
        # In priority order, each with what it needs (nothing: always try it).
        self.patterns: list[tuple[InlineProcessor, tuple[str, ...]]] = [
            (pattern, needs.get(id(pattern), ())) for pattern in md.inlinePatterns
        ]
        # The distinct trigger sets: a text's key says which of them it contains.
        self.groups: tuple[tuple[str, ...], ...] = tuple(dict.fromkeys(needs for _, needs in self.patterns if needs))
        self.registries: dict[tuple[bool, ...], Registry[InlineProcessor]] = {}

    def select(self, text: str) -> None:
        """Set the patterns for converting `text`."""
        key = tuple(any(part in text for part in group) for group in self.groups)
        registry = self.registries.get(key)
        if registry is None:
            registry = self.registries[key] = self._registry(key)
        self.treeprocessor.inlinePatterns = registry

    def _registry(self, key: tuple[bool, ...]) -> Registry[InlineProcessor]:
        """The patterns that need nothing or one of the groups `key` marks present, in the same order."""
        present = {group for group, found in zip(self.groups, key) if found} | {()}
        kept = [pattern for pattern, needs in self.patterns if needs in present]
        registry: Registry[InlineProcessor] = Registry()
        for index, pattern in enumerate(kept):
            registry.register(pattern, str(index), -index)  # names and priorities only keep the order
        return registry
