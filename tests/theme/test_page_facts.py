"""Each page says who owns it and when it was last changed, by whom; nothing about changes outside git."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data

from plugins.owners import owners

CONTENT = Path(__file__).resolve().parents[2] / "content"


def facts(root) -> dict[str, object]:
    """The page facts as term -> definition element."""
    return {div.find("dt").text: div.find("dd") for div in root.findall(".//dl[@class='page-meta']/div")}


def front_matter(src_path: str) -> dict[str, Any]:
    """The front matter of a page of the sample site."""
    return get_data((CONTENT / src_path).read_text(encoding="utf-8"))[1]


def test_owners_and_last_update_match_the_manifest(built_site, manifest, theme_strings, read_page) -> None:
    nl = theme_strings["nl"]
    checked = credited = named = 0
    for entry in manifest["pages"]:
        shown = facts(read_page(built_site, entry["url"]))
        if entry["owners"]:  # the manifest lists keys: an address where the page shows the name beside it
            written = owners(front_matter(entry["src_path"]))
            assert [owner.key for owner in written] == entry["owners"], entry["url"]
            assert shown[nl["owner"]].text == ", ".join(owner.name for owner in written), entry["url"]
            named += any(owner.address for owner in written)
        if entry["updated"]:
            updated = shown[nl["updated"]]
            time = updated.find("time")
            assert datetime.fromisoformat(time.get("datetime")) == datetime.fromisoformat(entry["updated"])
            stamp = datetime.fromisoformat(entry["updated"])
            assert time.text == f"{stamp.day} {nl['months'][stamp.month - 1]} {stamp.year}"
            _, door, by = "".join(updated.itertext()).partition(f" {nl['updated_by']} ")
            assert by == ", ".join(author["name"] for author in entry["authors"]) if door else not entry["authors"]
            checked += 1
            credited += bool(door)
    assert checked, "no page in the manifest has an update date: is the sample content in git?"
    assert 0 < credited < checked, "the sample shows some bylines from `authors:`, and no shared commit identity"
    assert named, "the sample names some owners `Name <address>`"


def test_outside_git_the_owner_shows_and_no_update(synthetic_site, read_page, theme_strings) -> None:
    shown = facts(read_page(synthetic_site.path, "sectie-03/pagina-007/"))
    assert shown.keys() == {theme_strings["nl"]["owner"]}
    assert shown[theme_strings["nl"]["owner"]].text == "Team 3"
