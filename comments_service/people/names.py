"""People's names: how they compare (without case or accents, the same in every database), and which a list shows.

``Özlem`` is found by typing ``ozl`` and sorts among the O's, ``émile`` finds ``Émile``, and ``de Vries`` sorts
among the D's instead of after every capital. SQLite's ``lower()`` folds ASCII only and both databases compare
accents by code point, so the folded name is stored beside the name (``people.name_key``) and compared there.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, case
from sqlalchemy.engine.interfaces import ExecutionContext

if TYPE_CHECKING:
    from sqlalchemy.orm.util import AliasedClass

    from ..models import Person


# Letters that are not a base letter with an accent to Unicode, but that a colleague types as one: Yılmaz is
# looked for as "yilmaz", Søren as "soren", Łukasz as "lukasz".
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "þ": "th", "æ": "ae",
                                "œ": "oe"})


def fold_name(text: str) -> str:
    """``text`` without case and accents (compatibility-decomposed: ``ﬁ`` is ``fi``, ``ß`` is ``ss``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN_LETTERS))
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def name_key_of_insert(context: ExecutionContext) -> str:
    """The ``name_key`` of a person row being inserted (the column's default): its name folded."""
    return fold_name(context.get_current_parameters()["name"])  # type: ignore[attr-defined]


def listed_name(person: type[Person] | AliasedClass[Person]) -> ColumnElement[str | None]:
    """SQL: the person's name as a list of events shows it to others, ``NULL`` for someone keeping a low profile
    (the list then says "a colleague"); their own comments still carry their name where they wrote them."""
    return case((person.low_profile, None), else_=person.name)
