"""The type hints hold: mypy finds nothing wrong in the service, the build's plugins, the grammar they share and the
benchmarks (its settings: pyproject.toml's [tool.mypy])."""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_type_errors(tmp_path: Path) -> None:
    report, errors, status = api.run([
        "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "cache"),
        *(str(ROOT / package)
          for package in ("comments_service", "hashtag_grammar", "html_text", "plugins", "benchmarks")),
    ])
    assert status == 0, report + errors
