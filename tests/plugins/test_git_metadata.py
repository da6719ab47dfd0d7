"""plein-git: one pass over history, renames followed, subfolders, shallow clones, builds outside git."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from plugins.git_metadata import git as git_module
from plugins.git_metadata.history import parse_log
from plugins.git_metadata.plugin import GitMetadataPlugin
from plugins.git_metadata.structure import Author, PageHistory
from plugin_helpers import JOOST, SANNE, BuildSite, Repo, git

SANNE_AUTHOR = Author(*SANNE)
JOOST_AUTHOR = Author(*JOOST)
PARAGRAPH = "".join(f"Regel {n} van de richtlijn over samenwerken.\n" for n in range(12))


def histories(site_config: object) -> dict[str, PageHistory]:
    plugin = site_config.plugins["plein-git"]  # type: ignore[attr-defined]
    assert isinstance(plugin, GitMetadataPlugin)
    return plugin.histories


def test_dates_authors_and_rename_with_edits(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/beleid/privacy.md", f"# Privacy\n\n{PARAGRAPH}")
    start = repo.commit("start", "2025-01-10T09:00:00+00:00", SANNE)
    repo.write("docs/beleid/privacy.md", f"# Privacy\n\n{PARAGRAPH}Nieuwe regel.\n")
    repo.commit("aanvulling", "2025-02-01T10:00:00+00:00", JOOST)
    repo.move("docs/beleid/privacy.md", "docs/richtlijnen/privacy.md")
    repo.write("docs/richtlijnen/privacy.md", f"# Privacy en persoonsgegevens\n\n{PARAGRAPH}Nieuwe regel.\n")
    repo.commit("verplaatst en herschreven", "2025-03-01T11:00:00+00:00", SANNE)

    site = build_site(repo.root, plugins=["plein-git"])

    history = histories(site.config)["richtlijnen/privacy.md"]
    assert history == PageHistory(
        created=datetime.fromisoformat("2025-01-10T09:00:00+00:00"),
        created_commit=start,
        updated=datetime.fromisoformat("2025-03-01T11:00:00+00:00"),
        authors=[SANNE_AUTHOR, JOOST_AUTHOR],
        updated_by=SANNE_AUTHOR,
        former_paths=["beleid/privacy.md"],
        first_path="beleid/privacy.md",
    )
    assert "beleid/privacy.md" not in histories(site.config)


def test_chain_of_renames_and_a_new_file_at_an_old_path(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/a.md", PARAGRAPH)
    repo.commit("a", "2025-01-01T09:00:00+00:00")
    repo.move("docs/a.md", "docs/b.md")
    repo.commit("a -> b", "2025-01-02T09:00:00+00:00")
    repo.move("docs/b.md", "docs/c.md")
    repo.write("docs/a.md", "# Een nieuwe pagina op de oude plek\n")
    repo.commit("b -> c, new a", "2025-01-03T09:00:00+00:00", JOOST)

    site = build_site(repo.root, plugins=["plein-git"])

    found = histories(site.config)
    assert found["c.md"].former_paths == ["a.md", "b.md"]
    assert found["c.md"].first_path == "a.md"
    assert found["c.md"].created == datetime.fromisoformat("2025-01-01T09:00:00+00:00")
    assert found["a.md"].former_paths == []
    assert found["a.md"].authors == [JOOST_AUTHOR]
    assert found["a.md"].created == datetime.fromisoformat("2025-01-03T09:00:00+00:00")


def test_docs_in_a_subfolder_of_the_repository(repo: Repo, build_site: BuildSite) -> None:
    repo.write("README.md", "buiten de docs\n")
    repo.write("site/content/team/index.md", "# Team\n")
    repo.commit("start", "2025-05-05T12:00:00+02:00")

    site = build_site(repo.root / "site", docs_dir="content", plugins=["plein-git"])

    found = histories(site.config)
    assert set(found) == {"team/index.md"}
    assert found["team/index.md"].created == datetime.fromisoformat("2025-05-05T12:00:00+02:00")
    assert site.config.plugins["plein-git"].repository.prefix == "site/content/"  # type: ignore[attr-defined]


def test_uncommitted_new_file_has_no_history_and_builds(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")
    repo.write("docs/nieuw.md", "# Nog niet gecommit\n")

    site = build_site(repo.root, plugins=["plein-git"])

    assert set(histories(site.config)) == {"index.md"}
    assert (site.site_dir / "nieuw" / "index.html").is_file()


def test_outside_git_builds_without_git_data_and_says_so_as_info(
    tmp_path: Path, build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    project = tmp_path / "plain"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")

    with caplog.at_level(logging.INFO):
        site = build_site(project, plugins=["plein-git"], strict=True)

    assert histories(site.config) == {}
    assert site.config.plugins["plein-git"].repository is None  # type: ignore[attr-defined]
    assert any("building without git data" in r.getMessage() and r.levelno == logging.INFO for r in caplog.records)
    assert (site.site_dir / "index.html").is_file()


@pytest.fixture
def shallow_clone(repo: Repo, tmp_path: Path) -> Path:
    """A real `git clone --depth 1` of a repository with two commits."""
    repo.write("docs/index.md", "# Home\n")
    repo.commit("een", "2025-01-01T09:00:00+00:00")
    repo.write("docs/index.md", "# Home\n\nMeer.\n")
    repo.commit("twee", "2025-02-01T09:00:00+00:00", JOOST)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{repo.root}", str(clone))
    return clone


def test_shallow_clone_warns_with_the_fix(
    shallow_clone: Path, build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    site = build_site(shallow_clone, plugins=["plein-git"])

    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    for fix in ("shallow clone", "git fetch --unshallow", "fetch-depth: 0", "GIT_DEPTH: 0"):
        assert fix in warnings[0]
    assert site.config.plugins["plein-git"].repository.shallow is True  # type: ignore[attr-defined]


def test_shallow_clone_fails_a_strict_build(shallow_clone: Path, build_site: BuildSite) -> None:
    with pytest.raises(Abort, match="1 warning"):
        build_site(shallow_clone, plugins=["plein-git"], strict=True)


@pytest.mark.parametrize(("choice", "error"), [("error", True), ("ignore", False)])
def test_shallow_option(
    shallow_clone: Path, build_site: BuildSite, caplog: pytest.LogCaptureFixture, choice: str, error: bool
) -> None:
    plugins = [{"plein-git": {"shallow": choice}}]
    if error:
        with pytest.raises(Abort):
            build_site(shallow_clone, plugins=plugins)
        assert any("git fetch --unshallow" in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)
    else:
        build_site(shallow_clone, plugins=plugins, strict=True)
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_single_git_log_for_the_whole_site(
    repo: Repo, build_site: BuildSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(20):
        repo.write(f"docs/pagina-{n}.md", f"# Pagina {n}\n")
    repo.commit("veel pagina's", "2025-01-01T09:00:00+00:00")

    calls: list[list[str]] = []
    original = git_module._run
    monkeypatch.setattr(git_module, "_run", lambda args, cwd: calls.append(args) or original(args, cwd))

    site = build_site(repo.root, plugins=["plein-git"])

    assert [args[0] for args in calls] == ["rev-parse", "log"]
    assert len(histories(site.config)) == 20


def test_history_across_a_merged_branch(repo: Repo, build_site: BuildSite) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.commit("start", "2025-01-01T09:00:00+00:00")
    repo.git("checkout", "--quiet", "-b", "tak")
    repo.write("docs/index.md", "# Home\n\nVanaf een tak.\n")
    repo.commit("op de tak", "2025-01-02T09:00:00+00:00", JOOST)
    repo.git("checkout", "--quiet", "main")
    repo.write("docs/nieuws.md", "# Nieuws\n")
    repo.commit("op main", "2025-01-03T09:00:00+00:00")
    repo.merge("tak", "samenvoegen", "2025-01-04T09:00:00+00:00")

    site = build_site(repo.root, plugins=["plein-git"])

    found = histories(site.config)
    assert found["index.md"].authors == [SANNE_AUTHOR, JOOST_AUTHOR]
    assert found["index.md"].updated == datetime.fromisoformat("2025-01-02T09:00:00+00:00")
    assert found["index.md"].updated_by == JOOST_AUTHOR
    assert found["nieuws.md"].authors == [SANNE_AUTHOR]


def test_parse_log_reads_commits_without_changes_and_keeps_only_the_docs_folder() -> None:
    def header(sha: str, author: Author, date: str) -> list[str]:
        return ["", sha * 40, author.name, author.email, date]

    tokens = [
        *header("c", JOOST_AUTHOR, "2025-03-01T09:00:00+00:00"),
        "\nR090", "docs/a.md", "docs/b.md",
        "M", "README.md",
        *header("b", SANNE_AUTHOR, "2025-02-01T09:00:00+00:00"),  # a merge or an empty commit: no changes
        *header("a", SANNE_AUTHOR, "2025-01-01T09:00:00+00:00"),
        "\nA", "docs/a.md",
        "A", "README.md",
        "",
    ]

    found = parse_log("\0".join(tokens), "docs/")

    assert found == {
        "b.md": PageHistory(
            created=datetime.fromisoformat("2025-01-01T09:00:00+00:00"),
            created_commit="a" * 40,
            updated=datetime.fromisoformat("2025-03-01T09:00:00+00:00"),
            authors=[SANNE_AUTHOR, JOOST_AUTHOR],
            updated_by=JOOST_AUTHOR,
            former_paths=["a.md"],
            first_path="a.md",
        )
    }
    # A history cut right after a rename (its addition not in the log) still knows the path before it.
    assert parse_log("\0".join(tokens[:8] + [""]), "docs/")["b.md"].first_path == "a.md"


def test_switched_off_runs_no_git(repo: Repo, build_site: BuildSite, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.commit("start", "2025-01-10T09:00:00+00:00")

    monkeypatch.setattr(git_module, "_run", lambda args, cwd: pytest.fail(f"git {args[0]} ran"))

    site = build_site(repo.root, plugins=[{"plein-git": {"enabled": False}}])

    assert histories(site.config) == {}
