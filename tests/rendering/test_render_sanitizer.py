"""Every XSS payload, rendered as a comment, parses to nothing but the allow-list.

The allow-list is written out here on purpose, apart from the one in `sanitize.py`: widening the sanitizer
must fail this test until someone widens it here too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

import html5lib

from comments_service.rendering import RenderedComment

from rendering_payloads import Payload

Render = Callable[..., RenderedComment]

TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre"}
ATTRIBUTES = {"a": {"href", "title", "class", "rel"}, "ol": {"start"}, "code": {"class"}, "pre": {"tabindex"}}
SCHEMES = {"", "http", "https", "mailto"}  # "" is a relative URL
LINK_CLASSES = {"hashtag", "mention"}
NEVER = {"style", "srcdoc", "formaction", "target", "src", "action", "xlink:href"}


def browser_scheme(url: str) -> str:
    """The scheme a browser would see: tabs and newlines dropped, C0 controls and spaces trimmed."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)  # as urlsplit reads it, which refuses a lone `[`
    return scheme.group(1).lower() if scheme else ""


def violations(html: str) -> list[str]:
    """Everything in `html` outside the allow-list, as readable sentences (empty when it is safe)."""
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    found: list[str] = []
    for element in fragment.iter():
        if element is fragment:
            continue
        if not isinstance(element.tag, str):
            found.append(f"a non-element node {element.tag!r}")
            continue
        if element.tag not in TAGS:
            found.append(f"element <{element.tag}>")
        for name, value in element.attrib.items():
            if name.startswith("on") or name in NEVER:
                found.append(f"forbidden attribute {name}={value!r} on <{element.tag}>")
            elif name not in ATTRIBUTES.get(element.tag, set()):
                found.append(f"attribute {name} on <{element.tag}>")
            elif name == "tabindex" and value != "0":  # ours, for scrolling by keyboard: never a writer's order
                found.append(f"tabindex={value!r} on <{element.tag}>")
        found.extend(_link_violations(element))
    return found


def _link_violations(element: etree.Element) -> list[str]:
    if element.tag != "a":
        return []
    found = []
    href = element.get("href")
    if href is not None and browser_scheme(href) not in SCHEMES:
        found.append(f"href with scheme {browser_scheme(href)!r}: {href!r}")
    if element.get("rel") != "nofollow noopener":
        found.append(f"link without rel=nofollow noopener: {element.attrib}")
    classes = set(element.get("class", "").split())
    if not classes <= LINK_CLASSES:
        found.append(f"link classes {classes - LINK_CLASSES}")
    return found


def test_checker_sees_what_it_must_forbid() -> None:
    """The checker itself is not blind: each kind of danger is reported."""
    dangerous = (
        '<script>x</script><p onclick="x" style="x">y</p><a href=" JaVa\tScript:x">z</a>'
        '<a href="data:text/html,x" target="_blank" rel="nofollow noopener">d</a><iframe srcdoc="x"></iframe>'
        '<svg><a xlink:href="javascript:x">m</a></svg><button formaction="javascript:x">b</button><!-- c -->'
        '<pre tabindex="5">t</pre>'
    )
    report = "\n".join(violations(dangerous))
    for expected in ("<script>", "onclick", "style", "'javascript'", "'data'", "target", "<iframe>", "srcdoc",
                     "svg}svg>", "formaction", "non-element", "without rel", "tabindex='5'"):
        assert expected in report, expected


def test_payload_renders_to_allow_list_only(render: Render, xss_payload: Payload) -> None:
    html = render(xss_payload.text).html
    assert violations(html) == [], html


def test_payload_list_is_long_enough(all_payloads: list[Payload]) -> None:
    assert len(all_payloads) >= 60
