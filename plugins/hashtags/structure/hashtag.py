"""One hashtag on a page, as attached to `page.meta["plein_hashtags"]`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hashtag:
    """`label` as first written on the page (without `#`), `slug` the grouping key, `url` relative to the site root."""

    label: str
    slug: str
    url: str
