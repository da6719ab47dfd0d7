"""The start of a comment as readers see it, on one line, for lists and mails that quote it.

From the stored HTML, not the Markdown source: no ``**`` or ``@handle`` signs, a mention reads as the person's name.
"""

from __future__ import annotations

from html_text import html_to_text

LIST_MAX = 200
"""Characters a list (the activity stream, notifications, open questions) shows of a comment."""


def excerpt(comment_html: str, limit: int = LIST_MAX) -> str:
    """The comment's text, cut after the last whole word within ``limit`` characters (with "…")."""
    text = html_to_text(comment_html)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    words = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return words.rstrip() + "…"
