"""Who changed a page: git's `.mailmap`, front matter `authors:`, and identities that are no person hidden."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort
from plugin_helpers import JOOST, SANNE, BuildSite, Repo

CI = ("CI Bot", "ci@build.example")
RENOVATE = ("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com")
PLEIN = {"name": "plein", "language": "nl"}


def names(entry: dict) -> list[str]:
    return [author["name"] for author in entry["authors"]]


def byline(site, url: str) -> str:
    """The text after "door" in the page facts ("" when the page names nobody)."""
    html = site.read(f"{url}index.html")
    facts = html.split('<dl class="page-meta">', 1)[1].split("</dl>", 1)[0]
    return facts.split("</time>", 1)[1].split("</dd>", 1)[0].strip().removeprefix("door ").strip()


def test_mailmap_makes_one_person_of_two_addresses(repo: Repo, build_site: BuildSite) -> None:
    repo.write(".mailmap", f"{SANNE[0]} <{SANNE[1]}> <s.devries@oud.example>\n")
    repo.write("docs/index.md", "# Home\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00", ("sanne", "s.devries@oud.example"))
    repo.write("docs/index.md", "# Home\n\nMeer.\n")
    repo.commit("meer", "2025-01-11T09:00:00+00:00", JOOST)
    repo.write("docs/index.md", "# Home\n\nNog meer.\n")
    repo.commit("nog meer", "2025-01-12T09:00:00+00:00", SANNE)

    site = build_site(repo.root, theme=PLEIN)

    entry = site.manifest_page("index.md")
    assert entry["authors"] == [{"name": SANNE[0], "email": SANNE[1]}, {"name": JOOST[0], "email": JOOST[1]}]
    assert byline(site, "") == SANNE[0]


def test_hidden_identities_are_never_authors_nor_the_byline(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/bot.md", "# Alleen bots\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00", SANNE)
    repo.write("docs/index.md", "# Home\n\nMeer.\n")
    repo.write("docs/bot.md", "# Alleen bots\n\nBijgewerkt.\n")
    repo.commit("automatisch", "2025-01-11T09:00:00+00:00", CI)
    repo.write("docs/index.md", "# Home\n\nNog meer.\n")
    repo.commit("afhankelijkheden", "2025-01-12T09:00:00+00:00", RENOVATE)
    plugins = [{"plein-git": {"hide_authors": [r"\[bot\]", "^ci bot "]}}, "plein-hashtags", "plein-identity"]

    site = build_site(repo.root, plugins=plugins, theme=PLEIN)

    entry = site.manifest_page("index.md")
    assert names(entry) == [SANNE[0]]
    assert entry["updated"] == "2025-01-12T09:00:00+00:00"  # a bot's commit still dates the page
    assert byline(site, "") == SANNE[0]  # the last person, not the bot that committed last
    assert names(site.manifest_page("bot.md")) == [SANNE[0]]

    shown = build_site(repo.root, theme=PLEIN)  # without the option every identity counts
    assert names(shown.manifest_page("index.md")) == [SANNE[0], CI[0], RENOVATE[0]]
    assert byline(shown, "") == RENOVATE[0]


def test_a_page_only_bots_changed_names_nobody(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00", CI)
    plugins = [{"plein-git": {"hide_authors": ["ci@"]}}, "plein-hashtags", "plein-identity"]

    site = build_site(repo.root, plugins=plugins, theme=PLEIN)

    assert site.manifest_page("index.md")["authors"] == []
    assert byline(site, "") == ""
    assert "door" not in site.read("index.html").split('<dl class="page-meta">', 1)[1].split("</dl>", 1)[0]


def test_front_matter_authors_override_git(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/een.md", "---\nauthors: Redactie\n---\n# Een\n")
    repo.write("docs/twee.md", "---\nauthors: [Anouk Jansen, Team Juridisch]\n---\n# Twee\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00", SANNE)

    site = build_site(repo.root, theme=PLEIN)

    assert site.manifest_page("een.md")["authors"] == [{"name": "Redactie", "email": ""}]
    assert names(site.manifest_page("twee.md")) == ["Anouk Jansen", "Team Juridisch"]
    assert byline(site, "een/") == "Redactie"
    assert byline(site, "twee/") == "Anouk Jansen, Team Juridisch"
    assert names(site.manifest_page("index.md")) == [SANNE[0]]


def test_a_broken_hide_pattern_fails_the_build_clearly(
    repo: Repo, build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    with pytest.raises(Abort):
        build_site(repo.root, plugins=[{"plein-git": {"hide_authors": ["[bot"]}}])
    assert any("hide_authors" in r.getMessage() for r in caplog.records)
