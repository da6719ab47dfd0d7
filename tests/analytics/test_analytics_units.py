"""The parts without a database: reader sketches, local periods across daylight saving time, the k >= 5 rule."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from comments_service.analytics import charts, sketch
from comments_service.analytics.periods import Span, comparable, local_midnight, month_span, parse_month, span
from comments_service.analytics.privacy import at_least_k, merge_small
from comments_service.analytics.strings import change, share_change
from comments_service.errors import ApiError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
KEY = sketch.hash_key("secret")


def sketch_of(ids: list[str]) -> bytes:
    ranks: dict[int, int] = {}
    for reader in ids:
        index, rank = sketch.position(reader, KEY)
        ranks[index] = max(rank, ranks.get(index, 0))
    return sketch.apply(sketch.EMPTY, ranks)


def test_a_few_readers_are_counted_exactly_and_sketches_merge_to_the_union() -> None:
    assert sketch.estimate(sketch.EMPTY) == 0
    assert sketch.estimate(sketch_of(["sanne"])) == 1
    assert sketch.estimate(sketch_of(["sanne", "joost", "sanne", "mila", "ahmed", "eva"])) == 5
    monday, tuesday = sketch_of(["sanne", "joost", "mila"]), sketch_of(["joost", "mila", "eva"])
    assert sketch.estimate(sketch.union([monday, tuesday])) == 4


def test_many_readers_are_counted_within_two_percent() -> None:
    for count in (1_000, 20_000):
        estimate = sketch.estimate(sketch_of([f"person-{n}" for n in range(count)]))
        assert abs(estimate - count) / count < 0.02, (count, estimate)


def test_the_hash_depends_on_the_secret() -> None:
    assert sketch.position("sanne", KEY) != sketch.position("sanne", sketch.hash_key("another secret"))


def test_local_days_follow_daylight_saving_time() -> None:
    # 28 March 2027: clocks go from 02:00 to 03:00 in Amsterdam; the day lasts 23 hours
    day = Span(dt.date(2027, 3, 28), dt.date(2027, 3, 28), False)
    assert day.start(AMSTERDAM) == dt.datetime(2027, 3, 27, 23, tzinfo=dt.UTC)
    assert day.end(AMSTERDAM) - day.start(AMSTERDAM) == dt.timedelta(hours=23)
    # 31 October 2027: back from 03:00 to 02:00; 25 hours
    autumn = Span(dt.date(2027, 10, 31), dt.date(2027, 10, 31), False)
    assert autumn.end(AMSTERDAM) - autumn.start(AMSTERDAM) == dt.timedelta(hours=25)
    # January in Amsterdam begins at 23:00 UTC on New Year's Eve
    assert month_span(dt.date(2027, 1, 1)).start(AMSTERDAM) == dt.datetime(2026, 12, 31, 23, tzinfo=dt.UTC)
    assert local_midnight(dt.date(2027, 7, 1), AMSTERDAM) == dt.datetime(2027, 6, 30, 22, tzinfo=dt.UTC)


def test_periods_and_the_period_before() -> None:
    today = dt.date(2027, 1, 4)
    week = span("7d", None, today, None)
    assert (week.first, week.last) == (dt.date(2026, 12, 29), today)
    assert (week.previous().first, week.previous().last) == (dt.date(2026, 12, 22), dt.date(2026, 12, 28))
    quarter = span("3m", None, today, None)  # the last three complete months
    assert (quarter.first, quarter.last) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert quarter.buckets() == [dt.date(2026, 10, 1), dt.date(2026, 11, 1), dt.date(2026, 12, 1)]
    assert (quarter.previous().first, quarter.previous().last) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    year = span("12m", "2026-02", today, None)
    assert (year.first, year.last) == (dt.date(2025, 3, 1), dt.date(2026, 2, 28))
    assert span("28d", "2026-12-31", today, None).first == dt.date(2026, 12, 4)


@pytest.mark.parametrize(("name", "end", "code"), [
    ("5d", None, "unknown_period"),
    ("28d", "2026-02-30", "bad_end"),  # a day that does not exist
    ("3m", "2026-13", "bad_end"),  # a month that does not exist
    ("3m", "2026-12-01", "bad_end"),
    ("7d", "2027-02-01", "period_in_future"),
    ("12m", "2030-01", "period_in_future"),
    ("28d", "2025-01-31", "period_before_data"),
])
def test_bad_periods_are_refused_with_a_reason(name: str, end: str | None, code: str) -> None:
    with pytest.raises(ApiError) as raised:
        span(name, end, dt.date(2027, 1, 4), dt.date(2026, 6, 1))
    assert raised.value.status == 400
    assert raised.value.code == code
    assert raised.value.message_for("nl") != raised.value.message_for("en")


def test_a_period_compares_only_when_the_one_before_lies_wholly_within_the_data() -> None:
    week = Span(dt.date(2027, 1, 15), dt.date(2027, 1, 21), False)  # the week before: 8 to 14 January
    assert comparable(week, dt.date(2027, 1, 8)) and comparable(week, dt.date(2026, 6, 1))
    assert not comparable(week, dt.date(2027, 1, 9))  # a day of the week before has no figures
    assert not comparable(week, None)  # no figures at all
    assert comparable(month_span(dt.date(2027, 1, 1)), dt.date(2026, 12, 1))
    assert not comparable(month_span(dt.date(2027, 1, 1)), dt.date(2026, 12, 2))


def test_parse_month() -> None:
    assert parse_month("2026-02") == dt.date(2026, 2, 1)
    for wrong in ("2026-00", "2026-13", "26-02", "februari", "2026-2"):
        with pytest.raises(ValueError):
            parse_month(wrong)


def test_no_figure_about_fewer_than_five_people() -> None:
    assert [at_least_k(n) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]
    # the two small groups make 3: not enough for "other" on its own, so the smallest group joins them
    assert merge_small([("HR", 7), ("ICT", 5), ("Juridisch", 2), ("Facilitair", 1)], "Overig") == [
        ("HR", 7), ("Overig", 8)
    ]
    assert merge_small([("HR", 3), ("ICT", 2)], "Overig") == [("Overig", 5)]
    assert merge_small([("HR", 6), ("ICT", 5)], "Overig") == [("HR", 6), ("ICT", 5)]
    assert merge_small([("HR", 6), ("ICT", 4), ("Overig", 1)], "Overig") == [("HR", 6), ("Overig", 5)]
    assert merge_small([("HR", 4)], "Overig") == []


def test_a_chart_with_a_scale_on_the_right_labels_both_in_whole_numbers() -> None:
    svg = charts.lines([f"{day} nov" for day in range(1, 11)],
                       [("Paginaweergaven", [440, 480, 470, 60, 50, 460, 490, 470, 480, 60]),
                        ("Lezers", [180, 182, 189, 40, 37, 183, 186, 184, 185, 40])], secondary=1)
    labels = set(re.findall(r"<text[^>]*>([\d.,]+)</text>", svg))
    assert {"189", "400"} <= labels  # the right scale's top, a left tick
    assert not [label for label in labels if not label.isdigit()]  # 141.75 readers, before


def test_a_chart_is_drawn_wide_and_narrow_for_the_screen_and_wide_for_print_without_pygals_script() -> None:
    labels = [f"{day} nov" for day in range(1, 29)]
    series = [("Reacties", list(range(28))), ("Emoji-reacties", list(range(28, 0, -1)))]
    screen, printed = charts.lines(labels, series, bars=True), charts.lines(labels, series, bars=True, print_=True)
    assert re.findall(r'class="pygal-chart (plein-chart__\w+)', screen) == ["plein-chart__wide", "plein-chart__narrow"]
    assert re.findall(r'viewBox="0 0 (\d+) ', screen) == ["720", "360"]
    assert re.findall(r'class="pygal-chart (plein-chart__\w+)', printed) == ["plein-chart__wide"]
    wide, narrow = screen.split("plein-chart__narrow")
    days = re.compile(r">\d+ nov</text>")
    assert 3 <= len(days.findall(narrow)) <= 5 < len(days.findall(wide))  # the narrow one's labels do not collide
    for noise in ("<script", "<title>", "<desc", "<!--"):  # pygal's own JavaScript's settings and tooltips
        assert noise not in screen and noise not in printed


def test_a_sparkline_is_a_line_without_style_sheets_or_an_id_so_a_page_can_show_it_twice() -> None:
    spark = charts.sparkline([1, 3, 2, 5, 4, 6, 2, 3, 1, 0, 4, 5])
    assert 'class="pygal-chart plein-spark' in spark and 'aria-hidden="true"' in spark
    assert re.search(r'<path d="M[\d. L]+" class="line', spark)
    assert " id=" not in spark and "<style" not in spark and "<script" not in spark
    assert len(spark) < 1500  # 12 KB with pygal's style sheets and settings, twenty times on the dashboard


def test_a_count_changes_by_a_percentage_and_a_share_by_percentage_points() -> None:
    assert (change(16, 8, "nl"), change(8, 16, "nl"), change(3, 0, "en"), change(0, 0, "nl")) == (
        "+100%", "−50%", "new", "–")
    assert share_change(0.12, 0.19, "nl") == "−7 %-punt"  # not −37 %: a third of the answers did not go
    assert share_change(0.5, 0.25, "en") == "+25 pp"
    assert share_change(0.124, 0.121, "en") == "0 pp"  # as the shares are shown: 12 % and 12 %
    assert share_change(0.0, 0.06, "nl") == "−6 %-punt"
    assert share_change(None, 0.2, "nl") == share_change(0.2, None, "en") == "–"
