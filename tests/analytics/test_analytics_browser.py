"""The dashboard in Debian's Chromium with the demo's history: phone and desktop, light and dark, with JavaScript
and without; charts that follow the colour scheme, nothing wider than the screen (no chart or table scrolls
sideways on a phone either)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import demo_signed_in, demo_with_history

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/analytics")
PROXY_SECRET = "analytics-browser"
LIGHTHOUSE = Path(__file__).resolve().parents[2] / "benchmarks" / ".work" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"


@pytest.fixture(scope="module")
def plein(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service in demo mode, demo logins with the figures' roles, and the demo's history seeded."""
    with demo_with_history(
        built_site, tmp_path_factory.mktemp("analytics"), PLEIN_DEMO_ROLES="communication,management",
        PLEIN_PROXY_SECRET=PROXY_SECRET,  # Lighthouse comes as a communication member through the proxy's headers
        PLEIN_COMMUNICATION_GROUPS="communicatie",
    ) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_dashboard_at_phone_and_desktop_size_in_light_and_dark(
    browser: Browser, plein: str, size: str, scheme: str
) -> None:
    page = demo_signed_in(browser, plein, size, scheme)
    page.goto(plein + "analytics/?period=12m&hashtag=gedoe")
    expect(page.get_by_role("heading", name="Cijfers", level=1)).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text("verzonnen geschiedenis")
    expect(page.locator(".plein-chart svg:visible")).to_have_count(3)  # of the wide and the narrow drawing, one
    narrow = page.locator(".plein-chart__narrow:visible")
    expect(narrow).to_have_count(3 if size == "phone" else 0)
    trend_lines = page.locator("td.plein-spark-cell:visible" if size == "desktop" else ".plein-spark-beside:visible")
    expect(trend_lines).to_have_count(page.locator("td.plein-spark-cell").count())  # beside the hashtag on a phone
    assert trend_lines.count() >= 5
    scrolling = page.evaluate("""() => [...document.querySelectorAll('.plein-chart, .plein-table-wrap')]
        .filter(frame => !frame.matches('.visually-hidden') && frame.scrollWidth > frame.clientWidth)
        .map(frame => frame.getAttribute('aria-label'))""")
    assert scrolling == [], f"these scroll sideways: {scrolling}"
    assert page.locator("table").count() >= 12
    readers = page.locator("table").first.locator("tr", has_text="Lezers").locator("td").first
    assert readers.inner_text().replace(".", "").isdigit()  # a figure, not "< 5": the demo has hundreds
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"
    text, background = page.evaluate("""() => {
        const chart = getComputedStyle(document.querySelector('.plein-chart'));
        const body = getComputedStyle(document.body);
        return [chart.color, body.backgroundColor];
    }""")
    light_text = sum(int(part) for part in text[text.index("(") + 1:text.index(")")].split(",")[:3]) > 382
    assert light_text == (scheme == "dark"), (scheme, text, background)  # the charts' text follows the scheme
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"browser-{size}-{scheme}.png"), full_page=True)
    page.context.close()


def test_the_dashboard_works_without_javascript(browser: Browser, plein: str) -> None:
    page = demo_signed_in(browser, plein, "phone", "light", javascript=False)
    page.goto(plein + "analytics/")
    page.get_by_label("Periode", exact=True).select_option("7d")
    page.get_by_label("Hashtag", exact=True).fill("gedoe")
    page.get_by_role("button", name="Tonen").click()
    assert "period=7d" in page.url and "hashtag=gedoe" in page.url
    expect(page.get_by_role("heading", name="#gedoe: een hashtag door de maanden")).to_be_visible()
    with page.expect_download() as download:
        page.locator("a[download]").first.click()
    assert download.value.suggested_filename.startswith("plein-headline-7d")
    page.context.close()


@pytest.mark.parametrize("preset", ["mobile", "desktop"])
def test_lighthouse_accessibility_is_perfect(plein: str, tmp_path: Path, preset: str) -> None:
    if not LIGHTHOUSE.exists():
        pytest.skip("Lighthouse is not installed: `.venv/bin/python -m benchmarks.site.lighthouse` installs it")
    headers = {"X-Plein-Proxy-Secret": PROXY_SECRET, "X-Plein-User": "carla", "X-Plein-Groups": "communicatie"}
    report = tmp_path / "lighthouse.json"
    command = [str(LIGHTHOUSE), plein + "analytics/?period=12m&hashtag=gedoe", "--quiet", "--output=json",
               f"--output-path={report}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
               "--only-categories=accessibility", f"--extra-headers={json.dumps(headers)}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, check=True, timeout=300)
    result = json.loads(report.read_text(encoding="utf-8"))
    failed = [name for name, audit in result["audits"].items()
              if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0]
    assert result["categories"]["accessibility"]["score"] == 1.0, failed
