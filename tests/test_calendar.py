"""The suite does not depend on the day it runs: the build's tests pass with the machine's clock a year ahead.

The service reads time from its own clock (comments_service/clock.py), which the service and browser tests
start at fixed or content-relative instants, so the machine's date cannot reach them. The build reads the
ages of commits from git and the machine's clock: its tests run again here under libfaketime (Debian's
faketime, which `make test` installs), a year ahead. Chromium and the service's timed threads are left out:
libfaketime's shifted monotonic clock stalls their timed waits, which says nothing about calendars.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

BUILD_TESTS = ("tests/plugins", "tests/theme/test_page_facts.py", "tests/theme/test_navigation.py")


def test_the_build_tests_pass_with_the_clock_a_year_ahead() -> None:
    faketime = shutil.which("faketime")
    if faketime is None:
        pytest.fail("Debian's faketime is missing: run `make test`, which installs it with apt-get")
    moved = subprocess.run(
        [faketime, "-f", "+365d", "date", "+%Y"], capture_output=True, text=True, timeout=30, check=True
    ).stdout.strip()
    assert int(moved) >= int(subprocess.run(["date", "+%Y"], capture_output=True, text=True).stdout) + 1
    run = subprocess.run(
        [faketime, "-f", "+365d", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *BUILD_TESTS],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
