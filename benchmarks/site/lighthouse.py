"""Run Lighthouse (mobile) on one built page of the synthetic site and compare against the goals.

Run from the repository root, after `python -m benchmarks.site.build`:

    .venv/bin/python -m benchmarks.site.lighthouse                  # Plein's build, the weighed page
    .venv/bin/python -m benchmarks.site.lighthouse --variant plain  # plain MkDocs' build
    .venv/bin/python -m benchmarks.site.lighthouse --site site --page richtlijnen/privacy/  # any site

Lighthouse is installed with npm under `benchmarks/.work/lighthouse/` (never globally) and drives
Debian's Chromium (`CHROME_PATH`, default `/usr/bin/chromium`).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import subprocess
import shutil
import sys
from pathlib import Path
from typing import Any

from flask import Flask

if not __package__:  # run as a script: make `benchmarks` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.site.paths import SITE_WORK, WORK
from benchmarks.site.serve import serving, static_app

LIGHTHOUSE_DIR = WORK / "lighthouse"
LIGHTHOUSE_PACKAGE = "lighthouse@12"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
GOALS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0}
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index", "total-byte-weight")


def ensure_lighthouse() -> Path:
    """Install Lighthouse under `benchmarks/.work/lighthouse/` unless present; return its executable."""
    executable = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not executable.exists():
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund",
                        LIGHTHOUSE_PACKAGE], check=True)
    return executable


def run_lighthouse(executable: Path, url: str, output: Path) -> dict[str, Any]:
    """Run Lighthouse with mobile settings on `url`; return the JSON report (also saved to `output`)."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    command = [str(executable), url, "--quiet", "--output=json", f"--output-path={output}",
               f"--chrome-flags={CHROME_FLAGS}", "--only-categories=performance,accessibility,best-practices"]
    subprocess.run(command, env=env, check=True, timeout=600)
    return json.loads(output.read_text(encoding="utf-8"))


def _examples(audit: dict[str, Any], limit: int = 3) -> list[str]:
    """Return up to `limit` short descriptions of what failed (element snippets, messages or URLs)."""
    found = []
    for item in (audit.get("details") or {}).get("items", [])[:limit]:
        node = item.get("node") or {}
        text = node.get("snippet") or item.get("description") or item.get("url") or ""
        if text:
            found.append(" ".join(str(text).split())[:160])
    return found


def failing_audits(report: dict[str, Any], category: str) -> tuple[list[str], list[str]]:
    """Return the failed audits of `category` that count towards its score (with examples), and the
    titles of failed audits that do not (Lighthouse's diagnostics: weight 0)."""
    weighted, diagnostics = [], []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        score, mode = audit.get("score"), audit.get("scoreDisplayMode")
        if score is None or mode not in ("binary", "numeric", "metricSavings"):
            continue
        if score >= (1.0 if mode == "binary" else 0.9):
            continue
        shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
        if not ref.get("weight"):
            diagnostics.append(f"{audit['title']}{shown}")
            continue
        weighted.append(f"    [{ref['id']}] {audit['title']}{shown}  score {score:.2f}, weight {ref['weight']}")
        weighted += [f"        - {example}" for example in _examples(audit)]
    return weighted, diagnostics


def print_report(report: dict[str, Any]) -> bool:
    """Print scores against goals, key metrics and failing audits; return whether every goal is met."""
    met = True
    for category, goal in GOALS.items():
        score = report["categories"][category]["score"] or 0.0
        met &= score >= goal
        print(f"  {category:<15} {score:.2f}  (goal >= {goal:.2f})  {'PASS' if score >= goal else 'MISS'}")
    print("  metrics: " + ", ".join(
        f"{name} {report['audits'][name].get('displayValue', '?')}" for name in METRICS if name in report["audits"]))
    for category in GOALS:
        weighted, diagnostics = failing_audits(report, category)
        if weighted:
            print(f"  failing {category} audits:")
            print("\n".join(weighted))
        if diagnostics:
            print(f"  {category} diagnostics not passed (weight 0): " + "; ".join(diagnostics))
    return met


def service_app(site: Path) -> Flask | None:
    """Return the comments service in demo mode on a fresh SQLite database and search index (under
    `benchmarks/.work/lighthouse/service/`), with the site's manifest synced through `POST /api/sync`;
    `None` when the service or the manifest is missing."""
    manifest = site / "plein" / "manifest.json"
    try:
        from comments_service import create_app
    except ImportError:
        return None
    if not manifest.is_file():
        return None
    logging.getLogger("comments_service.search").setLevel(logging.ERROR)  # a fresh index is built on start
    scratch = LIGHTHOUSE_DIR / "service"
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    token = secrets.token_urlsafe(16)
    app = create_app({
        "PLEIN_DATABASE_URL": f"sqlite:///{scratch / 'comments.sqlite3'}", "PLEIN_SEARCH_DIR": str(scratch / "search"),
        "PLEIN_SECRET_KEY": secrets.token_urlsafe(32), "PLEIN_SYNC_TOKEN": token, "PLEIN_DEMO": "1",
        "PLEIN_RATELIMIT_ENABLED": "0",
    })
    answer = app.test_client().post("/api/sync", data=manifest.read_bytes(), content_type="application/json",
                                    headers={"Authorization": f"Bearer {token}"})
    if answer.status_code != 200:
        raise SystemExit(f"syncing {manifest} failed: {answer.status_code} {answer.get_data(as_text=True)[:300]}")
    return app


def seed_conversation(app: Flask, site: Path, page: str, count: int) -> None:
    """Post `count` comments (every fifth a reply) by five demo people on the page at `page`."""
    pages = json.loads((site / "plein" / "manifest.json").read_text(encoding="utf-8"))["pages"]
    page_id = next(entry["id"] for entry in pages if entry["url"].strip("/") == page.strip("/"))
    writers = []
    for name in ("Sanne de Vries", "Daan Jansen", "Fleur Bakker", "Bram Visser", "Noor de Groot"):
        client = app.test_client()
        token = client.post("/api/demo/login", json={"name": name}).get_json()["csrf_token"]
        writers.append((client, token))
    posted: list[int] = []
    for number in range(count):
        client, token = writers[number % len(writers)]
        parent = posted[-1] if number % 5 == 4 else None
        text = f"Reactie {number + 1}: goed dat dit **hier** staat, we nemen het mee in het overleg. #intranetwerkt"
        answer = client.post(f"/api/pages/{page_id}/comments", json={"text": text, "parent_id": parent},
                             headers={"X-CSRF-Token": token})
        if answer.status_code != 201:
            raise SystemExit(f"seeding a comment failed: {answer.status_code} {answer.get_data(as_text=True)[:300]}")
        posted.append(answer.get_json()["id"])


def default_page() -> str:
    """Return the page that `benchmarks.site.build` weighed (the same in every variant), else the home page."""
    results = SITE_WORK / "results.json"
    if results.exists():
        for outcome in json.loads(results.read_text(encoding="utf-8"))["outcomes"]:
            if outcome["page"]:
                return outcome["page"].removesuffix("index.html")
    return ""


def parse_args() -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variant", default="plein", help="build of benchmarks.site.build to serve (plein, plain)")
    parser.add_argument("--site", type=Path, help="serve this built site directory instead")
    parser.add_argument("--page", help="page path relative to the site root (default: the weighed page)")
    parser.add_argument("--gzip", action="store_true",
                        help="compress text like a tuned web server (default off, as the goals were measured)")
    parser.add_argument("--comments", type=int, default=0, help="comments to seed on the page first (default 0)")
    parser.add_argument("--no-service", action="store_true", help="do not mount the comments service on /api")
    return parser.parse_args()


def measure(args: argparse.Namespace, site: Path, page: str, executable: Path, output: Path) -> dict[str, Any]:
    """Start the service (unless `--no-service`), seed comments, serve the site and run Lighthouse once."""
    api = None if args.no_service else service_app(site)
    if api is not None and args.comments > 0:
        seed_conversation(api, site, page, args.comments)
    with serving(static_app(site, api, compress=args.gzip)) as base:
        url = base + page.lstrip("/")
        print(f"Lighthouse (mobile) on {url}  [{site}; gzip {'on' if args.gzip else 'off'}; "
              f"comments service {'on' if api else 'off'} at /api, {args.comments if api else 0} comments]")
        return run_lighthouse(executable, url, output)


def main() -> None:
    """Serve the page, run Lighthouse, print the result; exit 1 when a goal is missed."""
    args = parse_args()
    site = args.site or SITE_WORK / "build" / args.variant
    page = args.page if args.page is not None else default_page()
    if not site.is_dir():
        raise SystemExit(f"no built site at {site}: run `python -m benchmarks.site.build` first")
    executable = ensure_lighthouse()
    output = LIGHTHOUSE_DIR / f"report-{args.variant if args.site is None else 'site'}.json"
    report = measure(args, site, page, executable, output)
    met = print_report(report)
    print(f"  full report: {output}")
    raise SystemExit(0 if met else 1)


if __name__ == "__main__":
    main()
