"""The build carries each page's conversation: readable with JavaScript off, and no failure without the service."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from flask import Flask
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, expect

from tests.conftest import REPO_ROOT, port_outside_the_ephemeral_range

PAGE_ID = "richtlijnen/online-samenwerken"
PAGE_URL = "richtlijnen/online-samenwerken/"
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


def say(app: Flask, name: str, text: str, parent_id: int | None = None, page_id: str = PAGE_ID) -> int:
    """`name` signs in (demo mode) and comments on the page through the API; returns the comment's id."""
    client = app.test_client()
    login = client.post("/api/demo/login", json={"name": name}, headers=SAME_ORIGIN)
    headers = {**SAME_ORIGIN, "X-CSRF-Token": login.get_json()["csrf_token"]}
    answer = client.post(f"/api/pages/{page_id}/comments", json={"text": text, "parent_id": parent_id}, headers=headers)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def build_site(site_dir: Path, service_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs build --strict` of the sample intranet with `PLEIN_SERVICE_URL` set."""
    monkeypatch.setenv("PLEIN_SERVICE_URL", service_url)
    build(load_config(str(REPO_ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True))


def test_snapshot_is_readable_with_javascript_off(
    plein_app: Flask, plein: str, browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, serve_directory
) -> None:
    question = say(plein_app, "Noor Snapshot", "Wie weet waar de **vergaderkamers** te boeken zijn? #gedoe")
    say(plein_app, "Ravi Snapshot", "Via de kamerplanner op de startpagina.", parent_id=question)
    build_site(tmp_path / "site", plein, monkeypatch)

    html = (tmp_path / "site" / PAGE_URL / "index.html").read_text(encoding="utf-8")
    assert f'id="comment-{question}"' in html

    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(serve_directory(tmp_path / "site") + PAGE_URL)
        snapshot = page.locator("#plein-social .plein-snapshot")
        expect(snapshot).to_be_visible()
        expect(snapshot.locator(f"#comment-{question}")).to_contain_text("Wie weet waar de vergaderkamers")
        expect(snapshot.locator(f"#comment-{question}")).to_contain_text("Noor Snapshot")
        expect(snapshot.locator(f"#comment-{question} .plein-comments--replies")).to_contain_text(
            "Via de kamerplanner"
        )
        expect(snapshot.locator("a.hashtag")).to_have_attribute("href", "/tags/gedoe/")
    finally:
        context.close()


def test_build_succeeds_without_the_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    nobody_listens = f"http://127.0.0.1:{port_outside_the_ephemeral_range()}/"
    logger = logging.getLogger("plein.snapshot")
    logger.addHandler(caplog.handler)
    try:
        build_site(tmp_path / "site", nobody_listens, monkeypatch)
    finally:
        logger.removeHandler(caplog.handler)

    assert any("No conversation snapshot" in record.getMessage() for record in caplog.records)
    html = (tmp_path / "site" / PAGE_URL / "index.html").read_text(encoding="utf-8")
    assert 'id="plein-social"' in html
    assert "plein-snapshot" not in html
