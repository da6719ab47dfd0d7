"""Charts as SVG, drawn on the server by pygal: no chart code goes to the browser.

pygal because it writes SVG itself (no image library, no browser framework) and lets its colours be CSS: on
the dashboard text and axes take ``currentColor``, so a chart follows the page's light or dark scheme; the
series colours are mid tones that read on both. In the printed report the text is dark on white. Each chart is
``aria-hidden``: a table beside it carries the same figures for screen readers.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pygal
from markupsafe import Markup
from pygal.style import Style

# pygal puts a finder for its map plugins on sys.meta_path that only has the old find_module(): every failed
# import anywhere then warns (ImportWarning). Maps are not used here, so the finder goes.
sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"]

COLOURS = ("#2f7fc1", "#d9731f", "#3a9a5b", "#a25bbf")
"""Blue, orange, green, purple: each readable on white and on the dark theme's near-black."""


def _style(print_: bool) -> Style:
    text = "#222222" if print_ else "currentColor"
    return Style(
        background="transparent", plot_background="transparent", foreground=text, foreground_strong=text,
        foreground_subtle="rgba(128,128,128,0.35)", colors=COLOURS, font_family="inherit" if not print_ else "sans-serif",
        label_font_size=12, major_label_font_size=12, legend_font_size=13, value_font_size=12, opacity="0.9",
        opacity_hover="1",
    )


_NOISE = re.compile(
    r'<!--.*?-->|<script\b.*?</script>|<title>.*?</title>|<desc\b.*?</desc>|\sid="activate-serie-\d+"', re.DOTALL
)
"""What an inlined chart does without: comments (with the render date); pygal's settings for its own JavaScript,
which the page does not load, with the values' descriptions only that JavaScript shows (the table beside a chart
has the figures); the title "Pygal", which a browser would show on hover; the legend's ids, which repeat in every
chart of a page. About two fifths of a chart's size, and the inline script the page would run for each."""


def _svg(svg: str) -> Markup:
    """A chart's SVG for inlining, without ``_NOISE``, hidden from assistive technology."""
    return Markup(_NOISE.sub("", svg).replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


@dataclass(frozen=True)
class Frame:
    """A drawing's size, and how many of its labels along the bottom it shows (the rest are too close)."""

    width: int
    height: int
    labels: int
    css_class: str


WIDE = Frame(720, 300, 7, "plein-chart__wide")
NARROW = Frame(360, 300, 4, "plein-chart__narrow")
"""For a phone: drawn at about the size it shows, so its text is as large as the page's small print (the wide
drawing shrunk to a phone's width halves its text; scrolled sideways, half the chart is out of sight)."""


def lines(labels: Sequence[str], series: Sequence[tuple[str, Sequence[int | None]]], *, print_: bool = False,
          bars: bool = False, secondary: int = 0) -> Markup:
    """A line (or bar) chart of several series over ``labels``; the last ``secondary`` series use a scale of their
    own on the right (readers beside views).

    On screen two drawings of it, wide and narrow, of which the page's style shows the one that fits
    (``plein-chart__wide``, ``plein-chart__narrow``); printed, the wide one."""
    data = (tuple(labels), tuple((name, tuple(values)) for name, values in series))
    wide = _lines(*data, print_, bars, secondary, WIDE)
    return wide if print_ else wide + _lines(*data, print_, bars, secondary, NARROW)


def _whole(value: float) -> str:
    """A count on an axis: every figure charted is a whole number."""
    return f"{value:.0f}"


CACHED_CHARTS = 512
"""Charts kept per process: pygal takes milliseconds per chart, and the same figures draw the same chart."""


@lru_cache(maxsize=CACHED_CHARTS)
def _lines(labels: tuple[str, ...], series: tuple[tuple[str, tuple[int | None, ...]], ...], print_: bool, bars: bool,
           secondary: int, frame: Frame) -> Markup:
    kind = pygal.Bar if bars else pygal.Line
    chart = kind(
        style=_style(print_), width=frame.width, height=frame.height, js=[], disable_xml_declaration=True,
        explicit_size=print_, classes=["pygal-chart", frame.css_class], legend_at_bottom=True,
        legend_at_bottom_columns=len(series), show_dots=len(labels) <= 31, dots_size=2.5,
        x_label_rotation=0 if len(labels) <= frame.labels else 40, truncate_label=-1,
        show_minor_x_labels=len(labels) <= frame.labels * 12 // 7,  # every label up to 12 wide, 6 narrow
        x_labels_major_every=max(1, len(labels) // frame.labels), truncate_legend=-1, include_x_axis=True,
        print_values=False, margin=8, spacing=12, min_scale=2, max_scale=6,
        value_formatter=_whole,  # the right-hand scale's ticks sit on the left one's lines: 37.8 readers otherwise
    )
    chart.x_labels = list(labels)
    for number, (name, values) in enumerate(series):
        chart.add(name, list(values), secondary=number >= len(series) - secondary)
    return _svg(chart.render(is_unicode=True))


def sparkline(values: Sequence[int]) -> Markup:
    """A small trend line (a hashtag's uses per day or month)."""
    return _sparkline(tuple(values))


@lru_cache(maxsize=CACHED_CHARTS)
def _sparkline(values: tuple[int, ...]) -> Markup:
    """Without pygal's own style sheets (``css=[]``: 8 KB in each of a page's twenty lines): the line's colour and
    width come from the page's (``.plein-spark`` in analytics.css)."""
    chart = pygal.Line(style=_style(False), js=[], css=[], classes=["pygal-chart", "plein-spark"],
                       disable_xml_declaration=True, show_dots=False, explicit_size=True)
    chart.add("", list(values))
    return _svg(_SPARKLINE_NOISE.sub("", chart.render_sparkline(is_unicode=True, width=120, height=28)))


_SPARKLINE_NOISE = re.compile(r'<defs>.*?</defs>|\sid="[^"]*"', re.DOTALL)
"""What is left of pygal's style sheets in a sparkline (fonts, for a drawing without text), and the id they were
scoped by: without it a line drawn twice on a page (a hashtag in two lists, or beside itself on a phone) gives
no two elements one id."""
