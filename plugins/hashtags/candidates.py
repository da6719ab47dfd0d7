"""The hashtags a site may hold, known before any page is rendered, so their pages exist when links are made.

MkDocs creates files (`on_files`) before it reads a single page. A loose scan of the Markdown sources gives a
superset of the real hashtags (same tag shape, none of the context rules); `on_env` drops the pages of candidates
that turned out not to be hashtags (in code, URLs, ...).
"""

from __future__ import annotations

import re

from hashtag_grammar import TAG_WORD, is_hashtag, slugify

_LOOSE_RE = re.compile(rf"#({TAG_WORD})")


def candidate_slugs(markdown_text: str) -> set[str]:
    """Slugs of every `#word` in the text, wherever it stands."""
    return {slugify(tag) for tag in set(_LOOSE_RE.findall(markdown_text)) if is_hashtag(tag)}
