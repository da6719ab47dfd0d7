"""Every payload's stored HTML, loaded together in one real Chromium page, runs no script, even when clicked.

A trap replaces `alert`, `confirm` and `prompt` before any comment is parsed; console errors, page errors,
dialogs and sub-resource requests are collected too. Each link is clicked in turn; navigations are answered
with 204 No Content, so the page stays and a `javascript:` URL would run in it. A control test runs the same
harness over unsanitized HTML to prove it is not blind.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Route

from comments_service.rendering import RenderedComment

from rendering_payloads import Payload

Render = Callable[..., RenderedComment]

ORIGIN = "http://plein.test/"
TRAP = """<script>
window.__xss = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (...args) => { window.__xss.push(name + "(" + args.join(",") + ")"); };
}
</script>"""
SETTLE_MS = 40  # a clicked javascript: URL runs in a task of its own; give it time before the next click

pytestmark = pytest.mark.browser


@dataclass
class Report:
    """What the page did that a safe comment never makes it do."""

    trapped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    loads: list[str] = field(default_factory=list)
    clicked: int = 0
    final_url: str = ""


def build_page(fragments: list[tuple[str, str]]) -> str:
    """One HTML page: the trap first, then each comment's HTML in its own section."""
    sections = "\n".join(
        f'<section class="comment" data-payload="{html.escape(name)}">{fragment}</section>'
        for name, fragment in fragments
    )
    return f'<!doctype html><html lang="nl"><head><meta charset="utf-8">{TRAP}</head><body>{sections}</body></html>'


def run_in_chromium(browser: Browser, page_html: str) -> Report:
    """Load `page_html`, click every link inside a comment, and report what happened."""
    report = Report()
    context = browser.new_context()
    served: list[str] = []

    def answer(route: Route) -> None:
        request = route.request
        if request.url == ORIGIN and not served:
            served.append(request.url)
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=page_html)
            return
        if not request.is_navigation_request():
            report.loads.append(request.url)
        route.fulfill(status=204)

    def on_dialog(dialog: Dialog) -> None:
        report.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            report.errors.append(message.text)

    try:
        context.route("**/*", answer)
        page = context.new_page()
        page.on("dialog", on_dialog)
        page.on("console", on_console)
        page.on("pageerror", lambda error: report.errors.append(str(error)))
        page.goto(ORIGIN, wait_until="load")
        links = page.locator("section.comment a")
        for index in range(links.count()):
            links.nth(index).evaluate("link => link.click()")
            page.wait_for_timeout(SETTLE_MS)
            report.clicked += 1
        report.trapped = page.evaluate("window.__xss")
        report.final_url = page.url
    finally:
        context.close()
    return report


def test_trap_catches_unsanitized_html(browser: Browser) -> None:
    """The harness sees script that runs on load and script behind a clicked link."""
    unsafe = [("img", '<img src="x.png" onerror="alert(1)">'), ("link", '<a href="javascript:confirm(2)">x</a>')]
    report = run_in_chromium(browser, build_page(unsafe))
    assert report.trapped == ["alert(1)", "confirm(2)"]
    assert report.loads == [f"{ORIGIN}x.png"]
    assert report.clicked == 1


def test_no_payload_runs_script_in_chromium(browser: Browser, all_payloads: list[Payload], render: Render) -> None:
    fragments = [(payload.name, render(payload.text).html) for payload in all_payloads]
    links = sum(fragment.count("<a ") for _, fragment in fragments)
    assert links >= 20  # the payloads do produce links to click
    report = run_in_chromium(browser, build_page(fragments))
    assert report == Report(clicked=links, final_url=ORIGIN)
