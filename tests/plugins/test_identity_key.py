"""plein-identity's `id_key`, and identities of any shape (URNs, spaces, capitals, non-ASCII) from the front
matter through the manifest and the page's widget mount to the comments service's API paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import html5lib
import pytest
from flask import Flask
from plugin_helpers import BuildSite, Repo

from comments_service import create_app
from comments_service.sync import sync_and_announce
from tests.service.service_helpers import OTHER_ADDRESS, PROXY_SECRET, Member, client_from, close_app

URN = "urn:nl:ak:mtr:org-00"
ODD = "Team Één/Overleg & Zo?#1"
PLUGINS = ["plein-git", "plein-hashtags", {"plein-identity": {"id_key": "plein_id"}}]


def widget_path(page_id: str) -> str:
    """The API path widget.js builds: each `/`-separated part through encodeURIComponent."""
    return "/api/pages/" + "/".join(quote(part, safe="-_.!~*'()") for part in page_id.split("/"))


def mounted_id(site_dir: Path, url: str) -> str | None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root = parser.parse((site_dir / url / "index.html").read_bytes())
    return root.find(".//section[@id='plein-social']").get("data-page-id")


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app({
        "PLEIN_DATABASE_URL": f"sqlite:///{tmp_path / 'plein.sqlite3'}",
        "PLEIN_SEARCH_DIR": str(tmp_path / "search"),
        "PLEIN_SECRET_KEY": "identity-key-tests",
        "PLEIN_PROXY_SECRET": PROXY_SECRET,
        "PLEIN_RATELIMIT_ENABLED": False,
    })
    yield app
    close_app(app)


def test_the_pinning_key_is_configurable_and_a_sites_own_id_is_left_alone(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/org.md", f"---\nid: {URN}\n---\n# Organisatie\n")
    repo.write("docs/team.md", f"---\nid: urn:nl:ak:mtr:org-01\nplein_id: '{URN}'\n---\n# Team\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    site = build_site(repo.root, plugins=PLUGINS)

    assert site.manifest_page("org.md")["id"] == "org"  # `id:` is the site's own field now
    assert (site.manifest_page("team.md")["id"], site.manifest_page("team.md")["former_ids"]) == (URN, ["team"])


@pytest.mark.parametrize("page_id", [URN, ODD], ids=["urn", "spaces-capitals-non-ascii-slash-query-fragment"])
def test_any_identity_reaches_the_manifest_the_mount_and_the_api(
    repo: Repo, build_site: BuildSite, app: Flask, page_id: str
) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/org.md", f"---\nplein_id: {page_id!r}\n---\n# Organisatie\n\nOver ons.\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    site = build_site(repo.root, plugins=PLUGINS, theme={"name": "plein", "language": "nl"})
    manifest = site.manifest()
    assert site.manifest_page("org.md")["id"] == page_id
    assert mounted_id(site.site_dir, "org") == page_id
    with app.app_context():
        sync_and_announce(manifest)

    client = client_from(app, OTHER_ADDRESS)
    client.environ_base["HTTP_X_PLEIN_PROXY_SECRET"] = PROXY_SECRET
    sanne = Member(client, "sanne", "Sanne de Vries")
    posted = sanne.post(widget_path(page_id) + "/comments", {"text": "Goed overleg!", "parent_id": None})
    assert posted.status_code == 201, posted.json
    answer = sanne.get(widget_path(page_id) + "/thread")
    assert answer.status_code == 200, answer.json
    assert (answer.json["page"]["id"], answer.json["page"]["url"]) == (page_id, "/org/")
    assert [comment["id"] for comment in answer.json["comments"]] == [posted.json["id"]]
