"""A chart saved as PDF and SVG (board/export/chart_drawing.py): the file says what the
screen says, is written whole or not at all, and a format it cannot write is refused in the
user's language. (PNG: tests/charts/test_chart_view.py, it is drawn by Qt.)"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from board import i18n
from board.domain import spc
from board.domain.errors import BoardError
from board.export import chart_drawing
from board.export import chart_layout as cl
from board.export.chart_layout import Annotation, chart_layout

SHIFT = [10, 12, 11, 13, 12, 11, 12, 13, 11, 12, 10, 12, 11, 13, 12]
SHIFT += [9, 6, 7, 8, 6, 7, 6, 8, 7, 6, 7, 6, 8, 7, 6]
DAYS = [date(2026, 6, 1) + timedelta(weeks=i) for i in range(30)]
CYCLE = Annotation(DAYS[14], "Cyklus 2 · Kort nr. 5 · Tilpas", "adapt")
VERDICT = "Tegn på forandring: 15 punkter i træk under medianen"


@pytest.fixture(autouse=True)
def _danish() -> None:
    i18n.set_language("da")


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


OPTIONS = {"title": "Ventetid (dage)", "target": 6.5, "annotations": [CYCLE]}


def save(path: Path) -> None:
    chart_drawing.save_chart(spc.chart("run", SHIFT), DAYS, path, **OPTIONS)  # type: ignore[arg-type]


def saved_layout() -> cl.ChartLayout:
    """The layout of what ``save`` writes."""
    return chart_layout(
        spc.chart("run", SHIFT),
        DAYS,
        size=chart_drawing.SAVE_SIZE,
        **OPTIONS,  # type: ignore[arg-type]
    )


def test_the_pdf_holds_the_title_the_verdict_the_ticks_and_the_cycles(tmp_path: Path) -> None:
    path = tmp_path / "ventetid.pdf"
    save(path)
    text = pdf_text(path.read_bytes())
    for expected in ("Ventetid (dage)", VERDICT, "Median 9,5", "Mål 6,5", CYCLE.label, "1.6.2026"):
        assert expected in text
    layout = saved_layout()
    for tick in layout.y_ticks:
        assert re.search(rf"(^|\s){re.escape(tick.label)}(\s|$)", text), tick.label
    page = PdfReader(path).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == chart_drawing.SAVE_SIZE


def test_the_svg_holds_the_verdict_and_the_ticks_as_text(tmp_path: Path) -> None:
    path = tmp_path / "ventetid.svg"
    save(path)
    root = ET.parse(path).getroot()
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    layout = saved_layout()
    assert VERDICT in texts and "Ventetid (dage)" in texts and CYCLE.label in texts
    assert {t.label for t in layout.y_ticks} <= set(texts)
    assert {t.label for t in layout.x_ticks} <= set(texts)
    # The dashed red median is there as a vector line, across the plot.
    median_y = layout.height - layout.centres[0].y
    lines = [e for e in root.iter("{http://www.w3.org/2000/svg}polyline")]
    red_dashed = [
        e for e in lines
        if _colour(e.get("style", "")) == _colour(cl.SIGNAL) and "dasharray" in e.get("style", "")
    ]  # fmt: skip
    assert red_dashed
    ys = {
        round(float(xy.split()[1]), 1) for e in red_dashed for xy in e.get("points", "").split(",")
    }
    assert ys == {round(median_y, 1)}


def _colour(text: str) -> tuple[int, int, int] | None:
    """A colour as whole percentages: "#B3261E", or "stroke: rgb(70%,15%,12%)" in a style."""
    if text.startswith("#"):
        return tuple(int(int(text[i : i + 2], 16) / 2.55) for i in (1, 3, 5))  # type: ignore[return-value]
    found = re.search(r"stroke: rgb\(([\d.]+)%,([\d.]+)%,([\d.]+)%\)", text)
    return tuple(int(float(v)) for v in found.groups()) if found else None  # type: ignore[return-value]


def test_in_english_the_file_speaks_english(tmp_path: Path) -> None:
    i18n.set_language("en")
    path = tmp_path / "chart.pdf"
    save(path)
    text = pdf_text(path.read_bytes())
    assert "Sign of change: 15 points in a row below the median" in text
    assert "Median 9.5" in text and "Target 6.5" in text


@pytest.mark.parametrize("name", ["ventetid.jpg", "ventetid", "ventetid.png"])
def test_a_format_it_cannot_write_is_refused_in_danish(tmp_path: Path, name: str) -> None:
    # .png too: this layer draws no pixels; chart_view.save_chart gives it Qt's painter.
    with pytest.raises(BoardError) as caught:
        save(tmp_path / name)
    assert caught.value.message().startswith("Et diagram kan gemmes som PNG, PDF eller SVG")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_and_no_part(tmp_path: Path) -> None:
    path = tmp_path / "ventetid.pdf"
    path.write_bytes(b"old")
    with pytest.raises(ValueError):
        chart_drawing.save_chart(spc.chart("run", SHIFT), DAYS[:3], path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["ventetid.pdf"]


def test_the_drawing_flows_in_a_pdf_document(tmp_path: Path) -> None:
    """The minutes and the template PDFs take the chart as one of their flowables."""
    layout = chart_layout(spc.chart("run", SHIFT), DAYS, size=(480, 270), title="Ventetid")
    out = BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([chart_drawing.drawing(layout)])
    text = pdf_text(out.getvalue())
    assert "Ventetid" in text and VERDICT in text
