"""Stand-ins for the bits of a comment that cmark must not read as Markdown, and what each becomes again.

A stand-in is a token of two characters, U+FDD0 (a Unicode noncharacter, kept for a program's own use) and a
private-use character numbering the bit; cmark sees a word it leaves alone (in prose, code and link addresses
alike). After rendering each token is put back as the text the writer meant: in code as typed, in prose as it
shows (``\\#`` shows as ``#``). An *inert* bit shows as its text but starts no hashtag or mention: the escaped
``\\#`` and ``\\@`` and the entities that spell them (``&#35;``), which cmark would otherwise hand over as plain
``#`` and ``@``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import quote

OPENER = "\ufdd0"
_FIRST = 0xF0000  # the private use areas of planes 15 and 16 (and their noncharacters): a number for every bit
ROOM = 0x110000 - _FIRST
"""Bits one comment can stash (a comment of more than 131,072 characters can hold more): those beyond it are left
to cmark, which omits raw HTML and reads the rest as Markdown; the allow-list keeps it safe all the same."""
_TOKEN = re.compile(OPENER + "(.)", re.DOTALL)
_PERCENT_TOKEN = re.compile("%EF%B7%90((?:%[0-9A-F]{2}){4})")  # a token in a link address, as cmark encodes it
_NOT_TEXT = re.compile("[\ud800-\udfff\ufdd0]")


def as_text(text: str) -> str:
    """``text`` with what cannot be rendered (a lone surrogate, the stand-ins' opener) as U+FFFD."""
    return _NOT_TEXT.sub("\ufffd", text)


@dataclass(frozen=True)
class Bit:
    """A stashed bit: how it was typed, how it shows in prose, and whether it may start a hashtag or mention."""

    typed: str
    shown: str
    inert: bool


@dataclass
class Stash:
    """The bits one comment stashed, in order; a bit's token is its place in the list."""

    bits: list[Bit] = field(default_factory=list)

    def put(self, typed: str, shown: str | None = None, *, inert: bool = False) -> str:
        """The token that stands for ``typed`` (shown as ``shown``, by default as typed); ``typed`` itself once
        the stash is full (`ROOM`)."""
        if len(self.bits) == ROOM:
            return typed
        self.bits.append(Bit(typed, typed if shown is None else shown, inert))
        return OPENER + chr(_FIRST + len(self.bits) - 1)

    def _bit(self, token: re.Match[str]) -> Bit:
        return self.bits[ord(token.group(1)) - _FIRST]

    def in_html(self, escaped: str, *, as_typed: bool = False) -> str:
        """HTML cmark wrote (a run of text, or a tag with its attributes) with each token back, escaped: as typed
        (in code) or as it shows."""
        if OPENER not in escaped:
            return escaped
        return _TOKEN.sub(
            lambda token: html.escape(self._bit(token).typed if as_typed else self._bit(token).shown), escaped
        )

    def shown(self, text: str, *, inert_too: bool = True) -> str:
        """Plain ``text`` with each token back as it shows; ``inert_too=False`` keeps the inert ones as tokens,
        so no hashtag or mention is found in them."""
        if OPENER not in text:
            return text
        return _TOKEN.sub(
            lambda token: token.group(0) if self._bit(token).inert and not inert_too else self._bit(token).shown,
            text,
        )

    def in_tag(self, tag: str) -> str:
        """An HTML tag as cmark wrote it, with each token back as it shows: escaped in attribute text,
        percent-encoded in a link's address."""
        tag = self.in_html(tag)
        if "%EF%B7%90" in tag:
            tag = _PERCENT_TOKEN.sub(self._percent_bit, tag)
        return tag

    def _percent_bit(self, token: re.Match[str]) -> str:
        number = bytes.fromhex(token.group(1).replace("%", "")).decode()
        return quote(self.bits[ord(number) - _FIRST].shown, safe="/#@!")
