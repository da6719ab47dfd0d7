"""Every content page carries the social widget's mount exactly as docs/architecture.md fixes it."""

from __future__ import annotations

from urllib.parse import quote, urljoin


def test_every_page_in_the_manifest_has_the_mount_with_its_identity(built_site, manifest, read_page) -> None:
    assert manifest["pages"]
    for entry in manifest["pages"]:
        root = read_page(built_site, entry["url"])
        mounts = root.findall(".//section[@id='plein-social']")
        assert len(mounts) == 1, entry["url"]
        mount = mounts[0]
        assert mount.get("class") == "plein-social"
        assert mount.get("data-page-id") == entry["id"]
        assert mount.get("data-api") == "/api"
        assert mount.get("data-lang") == "nl"
        assert mount.get("aria-labelledby") == "plein-social-title"
        assert mount.find("h2[@id='plein-social-title']").text == "Reacties"
        offline = mount.find("p[@class='plein-social__offline']")
        assert offline is not None and offline.get("hidden") == ""
        link = mount.find("noscript/p[@class='plein-social__noscript']/a")  # without JavaScript: the live conversation
        assert link.text == "Lees het actuele gesprek en reageer", entry["url"]
        assert urljoin("/" + entry["url"], link.get("href")) == f"/conversation/{quote(entry['id'])}/", entry["url"]


def test_the_snapshot_renders_inside_the_mount_as_html(synthetic_site, read_page) -> None:
    mount = read_page(synthetic_site.path, f"{synthetic_site.nested}/diep-1/").find(".//section[@id='plein-social']")
    assert mount.get("data-page-id") == "diep-1"
    snapshot = mount.find("ol[@class='snapshot']")
    assert snapshot is not None and snapshot.find("li").text == "Eerste reactie & meer"
    assert [child.tag for child in mount] == ["h2", "ol", "noscript", "p"]


def test_without_snapshot_or_identity_the_mount_stays_empty(synthetic_site, read_page) -> None:
    mount = read_page(synthetic_site.path, "sectie-01/pagina-001/").find(".//section[@id='plein-social']")
    assert mount.get("data-page-id") is None
    assert [child.tag for child in mount] == ["h2", "p"]
