"""Helpers of the page tests: HTML parsed as a browser does, forms submitted as a browser without JavaScript would."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import html5lib
from werkzeug.test import TestResponse

from service_helpers import Member

XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response: TestResponse) -> ET.Element:
    """The response's HTML document (html5lib, namespaced XHTML elements)."""
    assert response.mimetype == "text/html", response.mimetype
    return html5lib.parse(response.get_data(as_text=True))


def find_all(root: ET.Element, tag: str, **attributes: str) -> list[ET.Element]:
    """Elements ``tag`` whose attributes include ``attributes`` (``class_`` for class: one of its words)."""
    found = []
    for element in root.iter(XHTML + tag):
        wanted = {("class" if name == "class_" else name): value for name, value in attributes.items()}
        if all(value in element.get(name, "").split() if name == "class" else element.get(name) == value
               for name, value in wanted.items()):
            found.append(element)
    return found


def text(element: ET.Element) -> str:
    """The element's text, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def forms(root: ET.Element) -> list[ET.Element]:
    return find_all(root, "form")


def submit(member: Member, form: ET.Element, button: ET.Element | None = None, **changes: str | None) -> TestResponse:
    """Post ``form`` as a browser would: its inputs and selects, the pressed ``button``'s name and value,
    ``changes`` applied (``None`` leaves a field out: an unticked checkbox), from this origin."""
    data: dict[str, str] = {}
    for field in form.iter(XHTML + "input"):
        kind = field.get("type", "text")
        if kind == "checkbox" and field.get("checked") is None:
            continue
        data[field.get("name", "")] = field.get("value", "on" if kind == "checkbox" else "")
    for select in form.iter(XHTML + "select"):
        options = list(select.iter(XHTML + "option"))
        chosen = [option for option in options if option.get("selected") is not None] or options[:1]
        data[select.get("name", "")] = chosen[0].get("value", "")
    if button is not None and button.get("name"):
        data[button.get("name", "")] = button.get("value", "")
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    headers = {"Sec-Fetch-Site": "same-origin", "Origin": "http://intranet.test"}
    return member.client.post(form.get("action", ""), data=data, headers={**member.identity, **headers})


def button(form: ET.Element, value: str | None = None) -> ET.Element:
    """The form's submit button (with ``value``, when given)."""
    buttons = [b for b in form.iter(XHTML + "button") if value is None or b.get("value") == value]
    assert buttons, "no such button"
    return buttons[0]


def atom(response: TestResponse) -> ET.Element:
    """The response as a parsed Atom feed."""
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.get_data())
    assert root.tag == ATOM + "feed"
    return root


def entries(feed: ET.Element) -> list[dict[str, Any]]:
    """Each entry's id, title, link, author names and content."""
    found = []
    for entry in feed.findall(ATOM + "entry"):
        found.append({
            "id": entry.findtext(ATOM + "id"),
            "title": entry.findtext(ATOM + "title"),
            "link": entry.find(ATOM + "link").get("href"),  # type: ignore[union-attr]
            "authors": [author.findtext(ATOM + "name") for author in entry.findall(ATOM + "author")],
            "content": entry.findtext(ATOM + "content"),
        })
    return found
