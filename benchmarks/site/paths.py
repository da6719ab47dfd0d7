"""Where the site benchmarks read and write: everything generated lives under `benchmarks/.work/`."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORK = PROJECT_ROOT / "benchmarks" / ".work"
SITE_WORK = WORK / "site"
