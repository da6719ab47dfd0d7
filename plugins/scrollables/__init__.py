"""Content that scrolls sideways on a phone takes the keyboard's focus: tables and code blocks get ``tabindex="0"``.

The theme lets them scroll rather than widen the page (`.page table` and `pre` in theme.css); a reader without a
pointer can only scroll what can take the focus (WCAG 2.1.1, axe-core's `scrollable-region-focusable`). The build's
plugin (`plugin.py`) applies this to each page's HTML, the comments service to each comment it stores.
"""

from __future__ import annotations

import re

SCROLLING_TAG = re.compile(r"<(table|pre)(?=[\s>])(?![^>]*\btabindex=)", re.IGNORECASE)


def focusable_scrollers(html: str) -> str:
    """``html`` with every table and code block start tag focusable (one without a tabindex of its own). Text
    cannot hold such a tag: Markdown and the sanitizer escape ``<`` outside markup."""
    return SCROLLING_TAG.sub(r'<\1 tabindex="0"', html)
