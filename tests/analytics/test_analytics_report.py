"""The monthly report: ``flask report`` writes HTML and PDF (text extracted and checked, charts present); bad months
are refused with a clear message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from pypdf import PdfReader

from comments_service.clock import ControlledClock

from analytics_helpers import flush, local
from service_helpers import PAGE, Member


def test_the_report_of_a_month_in_html_and_pdf(
    app: Flask, page: str, clock: ControlledClock, person: Any, tmp_path: Path
) -> None:
    local(clock, "2026-12-01 10:00")  # the first figure: all of December lies within the data, so it compares
    person("oud").comment(PAGE, "December #gedoe")
    local(clock, "2027-01-11 10:00")
    for n in range(5):
        member = person(f"p{n}")
        member.get(f"/api/pages/{PAGE}/thread")
        member.comment(PAGE, f"Januari {n} #gedoe #duurzaam")
    flush(app)
    local(clock, "2027-02-02 08:00")
    result = app.test_cli_runner().invoke(args=["report", "--month", "2027-01", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<title>Maandrapport januari 2027</title>" in html
    assert "De cijfers van januari 2027, vergeleken met december 2026." in html
    assert html.count("<svg") == 2  # the month's days: reading, conversations
    reader = PdfReader(tmp_path / "out" / "report.pdf")
    words = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Maandrapport januari 2027" in words
    assert "Reacties 5 1 +400%" in words  # five comments in January against one in December
    assert "Deelnemers 5 < 5" in words
    assert "#gedoe 5 1" in words and "#duurzaam 5 0" in words
    drawn = sum(page.get_contents().get_data().count(b" l\n") for page in reader.pages)  # type: ignore[union-attr]
    assert drawn > 60  # the charts' lines and bars are in the PDF as vector paths
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    days = [number for number, page in enumerate(pages) if "Dag Paginaweergaven Lezers" in page]
    assert days[0] == 0 and len(days) == 2  # the month's 31 days start under their chart and run on, header repeated


def test_a_month_after_one_the_figures_began_in_part_is_not_compared(
    app: Flask, page: str, clock: ControlledClock, person: Any, tmp_path: Path
) -> None:
    local(clock, "2026-12-15 10:00")  # the first figure, halfway through December
    person("oud").comment(PAGE, "December #gedoe")
    local(clock, "2027-01-11 10:00")
    for n in range(5):
        person(f"p{n}").comment(PAGE, f"Januari {n} #gedoe")
    flush(app)
    local(clock, "2027-02-02 08:00")
    result = app.test_cli_runner().invoke(args=["report", "--month", "2027-01", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert ("De cijfers van januari 2027; niet vergeleken met december 2026, want de cijfers beginnen op "
            "15 dec 2026.") in html
    pages = PdfReader(tmp_path / "out" / "report.pdf").pages
    words = " ".join(" ".join((page.extract_text() or "").split()) for page in pages)
    assert "Reacties 5 – –" in words and "#gedoe 5 – –" in words  # half a December would make +400 % say nothing
    assert "Geen vergelijking: de periode ervoor ligt (deels) voor het begin van de cijfers." in words


def test_bad_months_are_refused(app: Flask, page: str, clock: ControlledClock, sanne: Member, tmp_path: Path) -> None:
    local(clock, "2027-01-11 10:00")
    sanne.comment(PAGE, "Het begin")
    runner = app.test_cli_runner()
    for month, words in (("2027-13", "is not a month"), ("januari", "is not a month"),
                         ("2027-03", "has not begun yet"), ("2026-11", "no figures before 2027-01-11")):
        result = runner.invoke(args=["report", "--month", month, "--out", str(tmp_path / "out")])
        assert result.exit_code == 2, (month, result.output)
        assert words in result.output, result.output
    assert not (tmp_path / "out").exists()
