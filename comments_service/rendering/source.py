"""A comment's text made ready for cmark: what lies outside the comment subset of Markdown is stashed as text.

Comments may use emphasis, links, lists, quotes and code (CommonMark, as GitHub, Discourse and Remark42 write it);
everything else stays the text the writer typed:

- raw HTML shows as typed: every ``<`` that does not open an autolink (``<https://…>``, ``<hr@example.nl>``);
- no headings: a ``#`` run that would open one (``# Kop``; ``#tag`` never does), and lines that would underline
  one or draw a rule (``===``, ``---``, ``* * *``);
- no images: ``![alt](url)`` stays text (its address still becomes a link, as every plain URL);
- an escaped ``\\#`` or ``\\@``, or an entity spelling ``#`` or ``@``, starts no hashtag or mention.

One regular expression finds them all in one pass; the lines a rule would take are looked at line by line only
when a line holds nothing but a rule's characters.
"""

from __future__ import annotations

import re

from .stash import Stash

_AUTOLINK = (  # CommonMark's: a URI with a scheme, or an e-mail address
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)>"
)
_NAMED = {"num": "#", "commat": "@"}
_CONTAINERS = r"(?:[ \t]*>)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*"
_NOT_MARKDOWN = re.compile(
    rf"(?P<escaped>\\[#@])"
    rf"|(?P<spelled>&(?:#0*(?:35|64)|#[xX]0*(?:23|40)|num|commat);)"
    rf"|(?P<autolink>{_AUTOLINK})"
    rf"|(?P<tag><)"
    rf"|(?P<image>(?<!\\)!\[)"
    rf"|(?m:^(?P<heading>{_CONTAINERS})#(?=#{{0,5}}(?:[ \t]|$)))"
    rf"|(?m:^(?P<rule>(?:[ \t]*>)*[ \t]*[-=*_][-=*_ \t]*)$)"
)
_RULE_CHARACTERS = re.compile(r"[-=*_]")


def prepared(text: str, stash: Stash) -> str:
    """``text`` with what cmark must not read as Markdown replaced by tokens in ``stash``."""
    return _NOT_MARKDOWN.sub(lambda found: _stand_in(found, stash), text)


def _stand_in(found: re.Match[str], stash: Stash) -> str:
    kind, typed = found.lastgroup, found.group(0)
    if kind == "escaped":
        return stash.put(typed, typed[1], inert=True)
    if kind == "spelled":
        return stash.put(typed, _spelled(typed), inert=True)
    if kind == "autolink":
        return typed
    if kind == "heading":
        return found.group("heading") + stash.put("#")
    if kind == "rule":
        return _rule(typed, stash)
    return stash.put(typed)  # a tag's `<`, an image's `![`


def _rule(line: str, stash: Stash) -> str:
    """A line of one rule character (with blanks and quote markers): each of them stashed, so it stays text.
    A line that mixes them (``-*-``) is text to cmark anyway."""
    if len(set(_RULE_CHARACTERS.findall(line))) > 1:
        return line
    return _RULE_CHARACTERS.sub(lambda character: stash.put(character.group(0)), line)


def _spelled(entity: str) -> str:
    """The character an entity of ``_NOT_MARKDOWN``'s spells (``&#035;``, ``&#x23;``, ``&num;``: ``#``)."""
    name = entity[1:-1].lower()
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    return chr(int(name[1:])) if name.startswith("#") else _NAMED[name]
