"""The last line of defence: an nh3 allow-list over the HTML that Markdown produced.

Markdown already escapes raw HTML, but link URLs come from users (`[x](javascript:...)`, entity- or
percent-encoded variants, reference links), so every stored comment passes through this cleaner. Whatever is
not listed here is dropped: other tags (their text kept; `script` and `style` with their content), every other
attribute (`style`, `on*`, `target`, ...), every URL scheme but http, https and mailto (relative URLs stay).
"""

from __future__ import annotations

import re

import nh3

from plugins.scrollables import focusable_scrollers

ALLOWED_TAGS: frozenset[str] = frozenset(
    {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre"}
)
ALLOWED_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"
LINK_CLASSES: frozenset[str] = frozenset({"hashtag", "mention"})

# Fenced code marks its language as `language-xxx`; any other class on `code` is dropped.
_CODE_CLASS = re.compile(r"language-[\w+#.-]{1,40}")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Keep `code`'s class only when it names a language."""
    if tag == "code" and attribute == "class":
        return value if _CODE_CLASS.fullmatch(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={"a": {"href", "title"}, "ol": {"start"}, "code": {"class"}},
    allowed_classes={"a": set(LINK_CLASSES)},
    attribute_filter=_filter_attribute,
    url_schemes=set(ALLOWED_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)


def sanitize(html: str) -> str:
    """Return `html` reduced to the allow-list above, its code blocks focusable (they scroll sideways on a phone;
    ``tabindex`` is ours alone: the allow-list drops a writer's)."""
    return focusable_scrollers(_CLEANER.clean(html))
