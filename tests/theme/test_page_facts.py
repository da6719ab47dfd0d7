"""Each page says who owns it and when it was last changed, by whom; nothing about changes outside git."""

from __future__ import annotations

from datetime import datetime


def facts(root) -> dict[str, object]:
    """The page facts as term -> definition element."""
    return {div.find("dt").text: div.find("dd") for div in root.findall(".//dl[@class='page-meta']/div")}


def test_owners_and_last_update_match_the_manifest(built_site, manifest, theme_strings, read_page) -> None:
    nl = theme_strings["nl"]
    checked = credited = 0
    for entry in manifest["pages"]:
        shown = facts(read_page(built_site, entry["url"]))
        if entry["owners"]:
            assert shown[nl["owner"]].text == ", ".join(entry["owners"]), entry["url"]
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


def test_outside_git_the_owner_shows_and_no_update(synthetic_site, read_page, theme_strings) -> None:
    shown = facts(read_page(synthetic_site.path, "sectie-03/pagina-007/"))
    assert shown.keys() == {theme_strings["nl"]["owner"]}
    assert shown[theme_strings["nl"]["owner"]].text == "Team 3"
