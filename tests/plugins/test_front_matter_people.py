"""Front matter that names people: `owner:`/`owners:` for notifications, `authors:` for the byline."""

from __future__ import annotations

import pytest

from plugins.front_matter import Named, NamedError, named
from plugins.git_metadata.people import front_matter_authors
from plugins.owners import owners


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({}, []),
        ({"owner": "Team HR"}, ["Team HR"]),
        ({"owners": ["eva", "piet@example.nl"]}, ["eva", "piet@example.nl"]),
        ({"owner": "Team HR", "owners": ["eva", "Team HR"]}, ["Team HR", "eva"]),  # both keys, each name once
        ({"owner": ["Team IT", 42]}, ["Team IT", "42"]),
        ({"owner": "Lotte Vermeulen <lotte@example.nl>"}, ["lotte@example.nl"]),
        ({"owner": ["lotte@example.nl", "Lotte <lotte@example.nl>", "Team IT"]}, ["lotte@example.nl", "Team IT"]),
    ],
)
def test_owners_come_from_owner_and_owners_by_their_keys(meta: dict, expected: list[str]) -> None:
    assert [owner.key for owner in owners(meta)] == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Team HR", Named("Team HR")),
        ("  eva  ", Named("eva")),
        ("Lotte Vermeulen <lotte.vermeulen@example.nl>", Named("Lotte Vermeulen", "lotte.vermeulen@example.nl")),
        ("Lotte Vermeulen<lotte@example.nl>", Named("Lotte Vermeulen", "lotte@example.nl")),
        ("<lotte@example.nl>", Named("lotte@example.nl", "lotte@example.nl")),  # no name: the page shows the address
        ("Zoë Verhoeven <zoë@example.nl>", Named("Zoë Verhoeven", "zoë@example.nl")),
    ],
)
def test_a_person_is_a_name_or_a_name_with_an_address(written: str, expected: Named) -> None:
    assert named(written) == expected


@pytest.mark.parametrize(
    "written", ["Lotte <lotte>", "Lotte <lotte@example.nl", "Lotte lotte@example.nl>", "<a@b> <c@d>", "A <a b@c>"],
)
def test_angle_brackets_that_hold_no_address_are_refused(written: str) -> None:
    with pytest.raises(NamedError, match="neither a name nor 'Name <address>'"):
        named(written)


def test_blank_owners_are_left_out_and_reported() -> None:
    """The service refuses an empty owner (and with it the whole sync): the build leaves it out, and says so."""
    problems: list[str] = []
    assert [owner.key for owner in owners({"owner": "  ", "owners": [None, "Team HR", ""]}, warn=problems.append)] == [
        "Team HR"]
    assert problems == ["`owner:` a blank name is left out", "`owners:` a blank name is left out"]


def test_an_owner_written_wrongly_is_reported_and_kept_as_written() -> None:
    problems: list[str] = []
    found = owners({"owners": ["Lotte <lotte>", "Team HR"]}, warn=problems.append)
    assert [(owner.name, owner.key) for owner in found] == [("Lotte <lotte>", "Lotte <lotte>"), ("Team HR", "Team HR")]
    assert problems == ["`owners:` 'Lotte <lotte>' is neither a name nor 'Name <address>'"]


def test_authors_from_front_matter_are_a_name_or_a_list() -> None:
    assert front_matter_authors({}) is None
    assert [author.name for author in front_matter_authors({"authors": "Eva Smit"}) or []] == ["Eva Smit"]
    assert [author.name for author in front_matter_authors({"authors": ["Eva", "Piet"]}) or []] == ["Eva", "Piet"]


def test_an_author_may_come_with_an_address() -> None:
    authors = front_matter_authors({"authors": ["Eva Smit <eva@example.nl>", "Piet"]}) or []
    assert [(author.name, author.email) for author in authors] == [("Eva Smit", "eva@example.nl"), ("Piet", "")]
