"""The front matter keys that mark generated hashtag pages, for the theme and for the other plugins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: On a hashtag page: its slug.
HASHTAG_PAGE = "plein_hashtag_page"
#: On the index of all hashtags: True.
HASHTAG_INDEX = "plein_hashtag_index"


def is_hashtag_page(meta: Mapping[str, Any]) -> bool:
    """Whether a page is one plein-hashtags generated (a hashtag page or the index)."""
    return HASHTAG_PAGE in meta or HASHTAG_INDEX in meta
