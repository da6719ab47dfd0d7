"""The manifest `plein/manifest.json`: every field for a small site in git."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest
from plugin_helpers import JOOST, BuildSite, Repo

PRIVACY = """---
owner: Team Juridisch
language: en
---
# Privacy en persoonsgegevens

Wij gaan zorgvuldig om met #Privacy &amp; gegevens. Zie ook #gedoe.

| Wat | Waarom |
|-----|--------|
| Naam | `#geencode` |

<script>niet(); </script>
"""


def test_manifest_lists_every_page_with_all_fields(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "---\nowner: [Team Communicatie, Sanne de Vries]\n---\n# Home\n\nWelkom, #gedoe!\n")
    repo.write("docs/beleid/privacy.md", PRIVACY.replace("persoonsgegevens", "gegevens"))
    repo.commit("start", "2025-01-10T09:00:00+00:00")
    repo.move("docs/beleid/privacy.md", "docs/richtlijnen/privacy.md")
    repo.write("docs/richtlijnen/privacy.md", PRIVACY)
    head = repo.commit("verplaatst", "2026-10-02T14:12:00+02:00", JOOST)
    before = datetime.now().astimezone()

    site = build_site(repo.root, markdown_extensions=["tables", "attr_list", {"toc": {"permalink": True}}])

    manifest = site.manifest()
    assert manifest["version"] == 1
    generated = datetime.fromisoformat(manifest["generated"])
    assert before - timedelta(seconds=1) <= generated <= datetime.now().astimezone()
    assert manifest["site_url"] == "https://intranet.example/"
    assert manifest["git"] == {"available": True, "shallow": False, "head": head}
    assert [page["src_path"] for page in manifest["pages"]] == ["index.md", "richtlijnen/privacy.md"]
    text = (  # without the h1: the title is a field of its own, and would run into every snippet
        "Wij gaan zorgvuldig om met #Privacy & gegevens. Zie ook #gedoe. Wat Waarom Naam #geencode"
    )
    assert site.manifest_page("richtlijnen/privacy.md") == {
        "id": "beleid/privacy",
        "url": "richtlijnen/privacy/",
        "src_path": "richtlijnen/privacy.md",
        "title": "Privacy en persoonsgegevens",
        "language": "en",
        "hashtags": ["privacy", "gedoe"],
        "owners": ["Team Juridisch"],
        "created": "2025-01-10T09:00:00+00:00",
        "updated": "2026-10-02T14:12:00+02:00",
        "authors": [
            {"name": "Sanne de Vries", "email": "sanne@example.nl"},
            {"name": "Joost Bakker", "email": "joost@example.nl"},
        ],
        "former_ids": [],
        "former_paths": ["beleid/privacy.md"],
        "text": text,
        "text_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    home = site.manifest_page("index.md")
    assert home["id"] == "index" and home["url"] == "" and home["title"] == "Home"
    assert home["language"] == "nl"  # theme.language
    assert home["owners"] == ["Team Communicatie", "Sanne de Vries"]
    assert home["hashtags"] == ["gedoe"]
    assert home["text"] == "Welkom, #gedoe!"


def test_a_nul_character_in_a_page_stays_out_of_its_text(repo: Repo, build_site: BuildSite) -> None:
    """The service refuses NUL (no database text keeps it), so a stray one must not block the whole sync."""
    repo.write("docs/index.md", "# Home\n\nWel\x00kom bij #gedoe\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    site = build_site(repo.root)

    assert site.manifest_page("index.md")["text"] == "Welkom bij #gedoe"


def test_hashtag_pages_are_not_in_the_manifest(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n\n#WOL\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    site = build_site(repo.root)

    assert (site.site_dir / "tags" / "wol" / "index.html").is_file()
    assert [page["src_path"] for page in site.manifest()["pages"]] == ["index.md"]


def test_switched_off_no_manifest(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    site = build_site(repo.root, plugins=["plein-git", {"plein-identity": {"enabled": False}}])

    assert (site.site_dir / "index.html").is_file()
    assert not (site.site_dir / "plein").exists()


def test_owners_named_with_an_address_show_their_name_and_are_listed_by_address(
    repo: Repo, build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    """Editors know their colleagues by name; the service knows them by address (names are not unique)."""
    repo.write(
        "docs/index.md",
        "---\nowner: Lotte Vermeulen <Lotte.Vermeulen@example.nl>\nowners: [Team HR, Piet <piet>]\n---\n# Home\n",
    )
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    site = build_site(repo.root, theme={"name": "plein", "language": "nl"})

    assert site.manifest_page("index.md")["owners"] == ["Lotte.Vermeulen@example.nl", "Team HR", "Piet <piet>"]
    facts = site.read("index.html").split('<dl class="page-meta">')[1].split("</dl>")[0]
    assert "Lotte Vermeulen, Team HR, Piet &lt;piet&gt;</dd>" in facts
    assert "example.nl" not in facts
    warnings = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert [message.split("plein-identity: ", 1)[1] for message in warnings] == [
        "'index.md': `owners:` 'Piet <piet>' is neither a name nor 'Name <address>'"
    ]
