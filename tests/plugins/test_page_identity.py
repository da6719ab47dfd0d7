"""plein-identity: identities that survive renames and moves, pinned ids, aliases, duplicates refused."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from plugin_helpers import JOOST, BuildSite, Repo

BODY = "".join(f"Zin {n} over hoe we samenwerken op het intranet.\n" for n in range(12))


def identities(manifest: dict) -> dict[str, tuple[str, list[str]]]:
    """src_path -> (id, former_ids)."""
    return {page["src_path"]: (page["id"], page["former_ids"]) for page in manifest["pages"]}


def test_identity_survives_git_mv(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/beleid/privacy.md", f"# Privacy\n\n{BODY}")
    repo.commit("start", "2025-01-10T09:00:00+00:00")
    repo.move("docs/beleid/privacy.md", "docs/richtlijnen/privacy.md")
    repo.commit("verplaatst", "2025-02-10T09:00:00+00:00")

    site = build_site(repo.root)

    page = site.manifest_page("richtlijnen/privacy.md")
    assert page["id"] == "beleid/privacy"
    assert page["former_paths"] == ["beleid/privacy.md"]
    assert page["former_ids"] == []  # the identity is the first path itself


def test_identity_survives_rename_with_edits_in_one_commit(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/oud.md", f"# Oud\n\n{BODY}")
    repo.commit("start", "2025-01-10T09:00:00+00:00")
    repo.move("docs/oud.md", "docs/tussen.md")
    repo.commit("hernoemd", "2025-01-11T09:00:00+00:00")
    repo.move("docs/tussen.md", "docs/team/nieuw.md")
    repo.write("docs/team/nieuw.md", f"# Nieuw\n\n{BODY}Een extra alinea, in dezelfde commit.\n")
    repo.commit("verplaatst en bewerkt", "2025-03-01T09:00:00+00:00", JOOST)

    site = build_site(repo.root)

    assert identities(site.manifest())["team/nieuw.md"] == ("oud", ["tussen"])


def test_identity_in_a_subfolder_of_the_repository(repo: Repo, build_site: BuildSite) -> None:
    repo.write("intranet/content/index.md", "# Home\n")
    repo.write("intranet/content/a.md", f"# A\n\n{BODY}")
    repo.commit("start", "2025-01-10T09:00:00+00:00")
    repo.move("intranet/content/a.md", "intranet/content/b/a.md")
    repo.commit("verplaatst", "2025-02-10T09:00:00+00:00")

    site = build_site(repo.root / "intranet", docs_dir="content")

    assert identities(site.manifest()) == {"index.md": ("index", []), "b/a.md": ("a", [])}


def test_pinned_id_and_aliases(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/oud.md", f"# Pagina\n\n{BODY}")
    repo.commit("start", "2025-01-10T09:00:00+00:00")
    repo.move("docs/oud.md", "docs/nieuw.md")
    repo.commit("verplaatst", "2025-01-11T09:00:00+00:00")
    repo.write(
        "docs/nieuw.md", f"---\nid: richtlijnen/samenwerken\naliases: [samengevoegd/een, samengevoegd/twee]\n---\n{BODY}"
    )
    repo.write("docs/los.md", "---\naliases: vroeger/los\n---\n# Los\n")
    repo.commit("vastgepind", "2025-01-12T09:00:00+00:00")

    site = build_site(repo.root)

    assert identities(site.manifest()) == {
        "index.md": ("index", []),
        # aliases, then the identity git gave it before it was pinned
        "nieuw.md": ("richtlijnen/samenwerken", ["samengevoegd/een", "samengevoegd/twee", "oud"]),
        "los.md": ("los", ["vroeger/los"]),
    }


def test_duplicate_identities_fail_the_build_clearly(
    repo: Repo, build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/a.md", "---\nid: gedeeld\n---\n# A\n")
    repo.write("docs/b.md", "---\nid: gedeeld\n---\n# B\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    with pytest.raises(Abort):
        build_site(repo.root)

    [error] = [r.getMessage() for r in caplog.records if "plein-identity" in r.getMessage()]
    assert "'b.md' and 'a.md' both have the page identity 'gedeeld'" in error
    assert "`id:`" in error and "`aliases:`" in error


def _renamed_then_recreated(repo: Repo) -> str:
    """`a.md` renamed to `b.md`, a year later a new `a.md` (as a real docs repository did); returns its commit."""
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/a.md", f"# A\n\n{BODY}")
    repo.commit("start", "2025-01-10T09:00:00+00:00")
    repo.move("docs/a.md", "docs/b.md")
    repo.commit("a wordt b", "2025-01-11T09:00:00+00:00")
    repo.write("docs/a.md", "# Een andere pagina\n")
    return repo.commit("nieuwe a", "2026-01-12T09:00:00+00:00")


def decisions(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "is a new file at the old path" in r.getMessage()]


def test_a_new_file_at_a_renamed_pages_old_path_gets_its_own_identity(
    repo: Repo, tmp_path: Path, build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    created = _renamed_then_recreated(repo)

    with caplog.at_level(logging.INFO):
        site = build_site(repo.root, strict=True)  # the build passes --strict: the decision is an info line

    found = identities(site.manifest())
    assert found["b.md"] == ("a", [])  # the renamed page keeps the conversation
    assert found["a.md"] == (f"a@{created[:12]}", [])
    [decision] = decisions(caplog)
    assert [r.levelno for r in caplog.records if r.getMessage() == decision] == [logging.INFO]
    assert "'a.md'" in decision and "'b.md'" in decision and f"'a@{created[:12]}'" in decision
    # Stable from build to build and from clone to clone: the commit that added the file names it.
    assert identities(build_site(repo.root).manifest()) == found
    clone = tmp_path / "clone"
    repo.git("clone", "--quiet", f"file://{repo.root}", str(clone))
    assert identities(build_site(clone).manifest()) == found


def test_a_recreated_file_may_pin_its_identity_instead(
    repo: Repo, build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    created = _renamed_then_recreated(repo)
    repo.write("docs/a.md", "---\nid: a-nieuw\n---\n# Een andere pagina\n")
    repo.commit("vastgepind", "2026-01-13T09:00:00+00:00")

    with caplog.at_level(logging.INFO):
        site = build_site(repo.root)

    assert identities(site.manifest())["a.md"] == ("a-nieuw", [f"a@{created[:12]}"])
    assert decisions(caplog) == []


def test_an_uncommitted_file_at_a_renamed_pages_old_path(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/a.md", f"# A\n\n{BODY}")
    repo.commit("start", "2025-01-10T09:00:00+00:00")
    repo.move("docs/a.md", "docs/b.md")
    repo.commit("a wordt b", "2025-01-11T09:00:00+00:00")
    repo.write("docs/a.md", "# Nog niet gecommit\n")

    found = identities(build_site(repo.root).manifest())

    assert (found["b.md"], found["a.md"]) == (("a", []), ("a@uncommitted", []))


def test_pinned_identities_that_clash_still_stop_the_build(
    repo: Repo, build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/a.md", "# A\n")
    repo.write("docs/b.md", "---\nid: a\n---\n# B\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    with pytest.raises(Abort):
        build_site(repo.root)
    assert any("both have the page identity 'a'" in r.getMessage() for r in caplog.records)


def test_outside_git_the_identity_is_the_current_path(tmp_path: Path, build_site: BuildSite) -> None:
    docs = tmp_path / "plain" / "docs"
    (docs / "team").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "team" / "ict.md").write_text("# ICT\n", encoding="utf-8")

    site = build_site(tmp_path / "plain", strict=True)

    manifest = site.manifest()
    assert manifest["git"] == {"available": False, "shallow": False, "head": None}
    assert identities(manifest) == {"index.md": ("index", []), "team/ict.md": ("team/ict", [])}
    assert site.manifest_page("team/ict.md")["created"] is None


def test_uncommitted_file_uses_its_current_path(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")
    repo.write("docs/concept.md", "# Concept\n")

    site = build_site(repo.root)

    assert site.manifest_page("concept.md")["id"] == "concept"
    assert site.manifest_page("concept.md")["authors"] == []


def test_shallow_clone_is_reported_in_the_manifest(repo: Repo, tmp_path: Path, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.commit("een", "2025-01-01T09:00:00+00:00")
    repo.write("docs/index.md", "# Home\n\nMeer.\n")
    head = repo.commit("twee", "2025-02-01T09:00:00+00:00")
    clone = tmp_path / "clone"
    repo.git("clone", "--quiet", "--depth", "1", f"file://{repo.root}", str(clone))

    site = build_site(clone, plugins=[{"plein-git": {"shallow": "ignore"}}, "plein-hashtags", "plein-identity"])

    assert site.manifest()["git"] == {"available": True, "shallow": True, "head": head}


def test_the_theme_sees_identity_and_former_identities(repo: Repo, build_site: BuildSite) -> None:
    overrides = repo.root / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}<p id="ids">{{ page.meta.plein_id }}|'
        '{{ page.meta.plein_former_ids | join(",") }}</p>{% endblock %}',
        encoding="utf-8",
    )
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/a.md", f"---\naliases: [oud]\n---\n# A\n\n{BODY}")
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    site = build_site(repo.root, theme={"name": "mkdocs", "custom_dir": str(overrides)})

    assert '<p id="ids">a|oud</p>' in site.read("a/index.html")
    assert '<p id="ids">index|</p>' in site.read("index.html")
