"""The frame: service pages wear the built site's look, speak its language, and stand alone without a build."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

from comments_service.pages import frame
from pages_helpers import find_all, parse, text
from service_helpers import PAGE, Member

FRAME = """<!doctype html>
<html lang="{lang}">
<head><meta charset="utf-8"><title><!--plein:title--> · Intranet</title></head>
<body><header class="site-header">Intranet</header><main id="main"><!--plein:content--></main></body>
</html>
"""


def build_frame(settings: dict[str, Any], lang: str, mtime: int = 1_700_000_000) -> Path:
    path = Path(settings["PLEIN_SITE_DIR"]) / frame.FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FRAME.format(lang=lang), encoding="utf-8")
    os.utime(path, ns=(mtime * 10**9, mtime * 10**9))
    return path


def test_without_a_built_frame_a_minimal_valid_page(page: str, person: Any, client: FlaskClient) -> None:
    odd = person("odd", "<script>alert(1)</script> & co")
    odd.comment(PAGE, "Hallo")
    response = client.get("/people/odd/")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<script>alert" not in body and "&lt;script&gt;" in body
    root = parse(response)
    assert root.get("lang") == "en"
    assert text(find_all(root, "title")[0]) == "<script>alert(1)</script> & co"
    assert find_all(root, "main", id="main")


def test_the_built_frame_gives_look_and_language(settings: dict[str, Any], page: str, sanne: Member,
                                                 client: FlaskClient) -> None:
    build_frame(settings, "nl")
    sanne.comment(PAGE, "Hallo")
    root = parse(client.get("/people/sanne/"))
    assert text(find_all(root, "title")[0]) == "Sanne de Vries · Intranet"
    assert find_all(root, "header", class_="site-header") and "Recente reacties" in text(root)
    missing = client.get("/people/niemand/")
    assert missing.status_code == 404 and "Pagina niet gevonden" in text(parse(missing))


def test_a_new_build_s_frame_is_read_without_a_restart(settings: dict[str, Any], page: str, client: FlaskClient) -> None:
    build_frame(settings, "nl")
    assert "Pagina niet gevonden" in text(parse(client.get("/people/niemand/")))
    build_frame(settings, "en", mtime=1_700_000_100)
    assert "Page not found" in text(parse(client.get("/people/niemand/")))


def test_a_frame_without_markers_gives_the_minimal_page_in_its_language() -> None:
    old = frame.parse('<!doctype html><html lang="nl"><head><title>x</title></head><body></body></html>')
    assert old == frame.minimal("nl")
    assert frame.parse(FRAME.format(lang="en-GB")).language == "en"
