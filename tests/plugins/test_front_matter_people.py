"""Front matter that names people: `owner:`/`owners:` for notifications, `authors:` for the byline."""

from __future__ import annotations

import pytest

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
    ],
)
def test_owners_come_from_owner_and_owners(meta: dict, expected: list[str]) -> None:
    assert owners(meta) == expected


def test_authors_from_front_matter_are_a_name_or_a_list() -> None:
    assert front_matter_authors({}) is None
    assert [author.name for author in front_matter_authors({"authors": "Eva Smit"}) or []] == ["Eva Smit"]
    assert [author.name for author in front_matter_authors({"authors": ["Eva", "Piet"]}) or []] == ["Eva", "Piet"]
