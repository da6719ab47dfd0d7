"""Generate the synthetic intranet in git, build it with plain MkDocs and with Plein, compare.

Run from the repository root:

    .venv/bin/python -m benchmarks.site.build                      # 2,000 pages, 3,000 commits
    .venv/bin/python -m benchmarks.site.build --pages 200 --commits 300   # quick run
    .venv/bin/python -m benchmarks.site.build --git-plugins        # adds MkDocs + two git plugins

Everything is written under `benchmarks/.work/site/` (git-ignored); the last results also go to
`benchmarks/.work/site/results.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.site import variants
from benchmarks.site.history import Plan, plan_history, section_names
from benchmarks.site.measure import human, page_weight, timed_build, tree_size
from benchmarks.site.paths import SITE_WORK, WORK
from benchmarks.site.repo import create_repository

RATIO_GOAL = 0.2
PAGE_GOAL = 100_000


@dataclass(frozen=True)
class Outcome:
    """The measurements of one variant's build."""

    variant: str
    label: str
    seconds: float
    runs: list[float]
    cpu_seconds: float
    ok: bool
    page: str
    page_html_bytes: int
    page_weight_bytes: int
    site_files: int
    site_bytes: int


def generate(plan: Plan, repo: Path, reuse: bool) -> None:
    """Create the synthetic git repository; with `reuse`, keep one made from the same settings and
    only replay the plan (to know its pages)."""
    stamp = repo / ".git" / "benchmark-plan"
    settings = f"{plan.pages} {plan.commits} {plan.sections} {plan.seed}"
    if reuse and stamp.is_file() and stamp.read_text(encoding="utf-8") == settings:
        for _ in plan_history(plan):
            pass
        print(f"reusing {repo} ({len(plan.final_pages)} pages, {plan.commits} commits)")
        return
    started = time.perf_counter()
    count = create_repository(repo, plan_history(plan))
    stamp.write_text(settings, encoding="utf-8")
    print(f"generated {len(plan.final_pages)} pages, {count} commits in {time.perf_counter() - started:.1f} s")


def weighed_page(plan: Plan) -> str:
    """Return the built HTML path of the page to weigh: the first page of the middle section."""
    middle = section_names(plan.sections)[plan.sections // 2]
    docs_path = min(page.path for page in plan.final_pages if page.path.startswith(middle + "/"))
    return docs_path.removesuffix(".md") + "/index.html"


def run_variant(variant: variants.Variant, repo: Path, page: str, repeat: int) -> Outcome:
    """Build one variant `repeat` times, each in a fresh subprocess; keep the best time, measure the site."""
    config = variants.write_config(variant, SITE_WORK)
    site_dir = SITE_WORK / "build" / variant.name
    results = [timed_build(variant.command(config, site_dir), site_dir, repo) for _ in range(repeat)]
    runs = [result.seconds for result in results]
    shown_result = next((result for result in results if result.returncode != 0), results[-1])
    ok = shown_result.returncode == 0 and (site_dir / page).is_file()
    if not ok:
        print(f"  {variant.name}: build failed (exit {shown_result.returncode}, or {page} missing); last lines:")
        print("\n".join("    " + line for line in shown_result.log.strip().splitlines()[-15:]))
    html, weight = page_weight(site_dir, page) if ok else (0, 0)
    files, size = tree_size(site_dir) if site_dir.exists() else (0, 0)
    cpu = min(result.cpu_seconds for result in results)
    outcome = Outcome(variant.name, variant.label, min(runs), runs, cpu, ok, page, html, weight, files, size)
    shown = ", ".join(f"{run:.1f}" for run in runs)
    print(
        f"  {variant.label:<42} {min(runs):6.1f} s (runs: {shown}; CPU {cpu:.1f} s)   page {human(html)} html, "
        f"{human(weight)} with assets   site {files} files, {human(size)}"
    )
    return outcome


def report(outcomes: dict[str, Outcome]) -> None:
    """Print every build's time relative to plain MkDocs, and Plein against the goals."""
    plain, plein = outcomes.get("plain"), outcomes.get("plein")
    if not (plain and plain.ok):
        return
    print()
    for outcome in outcomes.values():
        if outcome.ok and outcome not in (plain, plein):
            print(f"{outcome.label}: {outcome.seconds / plain.seconds:.3f} x plain MkDocs' build time "
                  f"(CPU time {outcome.cpu_seconds / plain.cpu_seconds:.3f} x)")
    if plein and plein.ok:
        ratio = plein.seconds / plain.seconds
        print(f"Plein build time {ratio:.3f} x plain MkDocs (goal <= {RATIO_GOAL}): "
              f"{'PASS' if ratio <= RATIO_GOAL else 'MISS'}; CPU time {plein.cpu_seconds / plain.cpu_seconds:.3f} x")
        print(f"Plein page weight with assets {human(plein.page_weight_bytes)} (goal <= {human(PAGE_GOAL)}): "
              f"{'PASS' if plein.page_weight_bytes <= PAGE_GOAL else 'MISS'}; "
              f"plain MkDocs {human(plain.page_weight_bytes)}")


def parse_args() -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="pages in the site (default 2000)")
    parser.add_argument("--commits", type=int, default=3000, help="commits of history (default 3000)")
    parser.add_argument("--sections", type=int, default=20, help="top-level sections (default 20)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per variant; the best time counts (default 1)")
    parser.add_argument("--only", choices=("plain", "plein"), help="build just one of the two main variants")
    parser.add_argument("--git-plugins", action="store_true",
                        help="also build with mkdocs-git-revision-date-localized + mkdocs-git-authors")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the generated repository if made with the same settings")
    args = parser.parse_args()
    if min(args.pages, args.commits, args.sections, args.repeat) < 1 or args.pages <= args.sections:
        parser.error("need pages > sections >= 1, commits >= 1 and repeat >= 1")
    return args


def main() -> None:
    """Generate, build every variant, print and save the numbers."""
    args = parse_args()
    plan = Plan(args.pages, args.commits, args.sections, args.seed)
    repo = SITE_WORK / "repo"
    generate(plan, repo, args.reuse)
    page = weighed_page(plan)
    docs_dir = repo / plan.docs_prefix.rstrip("/")
    chosen = [variants.plain(docs_dir), variants.plein(docs_dir)]
    chosen = [variant for variant in chosen if args.only in (None, variant.name)]
    if args.git_plugins:
        venv = WORK / "venv-git-plugins"
        variants.ensure_git_plugin_venv(venv)
        chosen.append(variants.git_plugins(docs_dir, venv))
    load = os.getloadavg()[0]
    print(f"building {len(chosen)} variant(s), weighing {page}; load average {load:.2f} on {os.cpu_count()} cores")
    outcomes = {variant.name: run_variant(variant, repo, page, args.repeat) for variant in chosen}
    report(outcomes)
    results = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "pages": args.pages, "commits": args.commits, "sections": args.sections, "seed": args.seed,
        "repeat": args.repeat, "cores": os.cpu_count(), "load_average_before": load,
        "outcomes": [asdict(outcome) for outcome in outcomes.values()],
    }
    (SITE_WORK / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
