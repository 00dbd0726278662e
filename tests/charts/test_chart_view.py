"""A chart on the screen and as PNG (board/ui/common/chart_view.py): Qt paints the same
layout as the PDF, the PNG shows what the layout says, and the widget shows what the PNG
shows."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from board import i18n
from board.domain import spc
from board.domain.entities import Decision
from board.domain.lanes import Lane
from board.export import chart_layout as cl
from board.export.chart_layout import Annotation, chart_layout
from board.ui.common import chart_view, theme
from board.ui.common.qt_app import ensure_app

SHIFT = [10, 12, 11, 13, 12, 11, 12, 13, 11, 12, 10, 12, 11, 13, 12]
SHIFT += [7, 6, 7, 8, 6, 7, 6, 8, 7, 6, 7, 6, 8, 7, 6]
CALM = [10, 12, 9, 13, 11, 12, 10, 13, 9, 12, 10, 11, 9, 12, 10, 13, 11, 12, 9, 13]
ROOT = Path(__file__).resolve().parents[2]
DAYS = [date(2026, 6, 1) + timedelta(weeks=i) for i in range(30)]


@pytest.fixture(autouse=True)
def _app() -> None:
    i18n.set_language("da")
    ensure_app()


def near(image: QImage, x: float, y: float, colour: str, tolerance: int = 40) -> bool:
    """The pixel at (x, y) is close to ``colour``."""
    pixel, want = image.pixelColor(round(x), round(y)), QColor(colour)
    return all(
        abs(a - b) <= tolerance for a, b in zip(pixel.getRgb()[:3], want.getRgb()[:3], strict=True)
    )


def centre_pixels(image: QImage, layout: cl.ChartLayout, scale: float, colour: str) -> float:
    """The share of samples along the (first) centre line, between the points, in ``colour``."""
    c = layout.centres[0]
    xs = [c.x0 + (c.x1 - c.x0) * k / 200 for k in range(201)]
    # Leave out where the series line or a point crosses the centre line.
    xs = [x for x in xs if all(abs(x - p.x) > 8 for p in layout.points)]
    hits = [near(image, x * scale, c.y * scale, colour) for x in xs]
    return sum(hits) / len(hits)


def test_the_png_shows_the_red_dashed_centre_line_of_a_shift(tmp_path: Path) -> None:
    path = tmp_path / "ventetid.png"
    chart_view.save_chart(spc.chart("run", SHIFT), DAYS, path, title="Ventetid", target=8)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1920, 1080)
    layout = chart_layout(spc.chart("run", SHIFT), DAYS, title="Ventetid", target=8)
    red = centre_pixels(image, layout, 2, cl.SIGNAL)
    assert 0.35 < red < 0.85  # red dashes with gaps between them
    assert centre_pixels(image, layout, 2, cl.MUTED) == 0
    # The points sit where the layout puts them.
    for p in layout.points:
        assert near(image, p.x * 2, p.y * 2, cl.SERIES), p


def test_without_a_signal_the_png_centre_line_is_solid_grey(tmp_path: Path) -> None:
    path = tmp_path / "rolig.png"
    chart_view.save_chart(spc.chart("run", CALM), DAYS[:20], path)
    layout = chart_layout(spc.chart("run", CALM), DAYS[:20])
    image = QImage(str(path))
    assert centre_pixels(image, layout, 2, cl.MUTED) > 0.85  # crossed by the series line
    assert centre_pixels(image, layout, 2, cl.SIGNAL) == 0


def test_a_point_outside_the_limits_is_red_in_the_png(tmp_path: Path) -> None:
    values = [52, 55, 49, 51, 60, 53, 50, 48, 54, 56, 51, 80, 52, 49, 53, 55, 50, 47, 54, 52]
    path = tmp_path / "i.png"
    chart_view.save_chart(spc.chart("i", values), DAYS[:20], path)
    layout = chart_layout(spc.chart("i", values), DAYS[:20])
    image = QImage(str(path))
    assert [p.number for p in layout.points if p.outside] == [11]
    for p in layout.points:
        assert near(image, p.x * 2, p.y * 2, cl.SIGNAL if p.outside else cl.SERIES), p


def test_the_widget_paints_what_the_png_shows(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = spc.chart("run", SHIFT, breaks=[15])
    options = {
        "title": "Ventetid",
        "target": 8.0,
        "annotations": [Annotation(DAYS[14], "Cyklus 2 · Kort nr. 5 · Indfør", "adopt")],
    }
    view = chart_view.ChartView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.set_chart(chart, DAYS, **options)  # type: ignore[arg-type]
    view.show()
    qtbot.waitExposed(view)
    shown = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert (shown.width(), shown.height()) == (900, 500)
    layout = view.chart_layout()
    assert layout is not None
    png = chart_view.render(chart_layout(chart, DAYS, size=(900, 500), **options), 1)  # type: ignore[arg-type]
    png = png.convertToFormat(QImage.Format.Format_RGB32)
    for p in layout.points:
        assert near(shown, p.x, p.y, cl.SERIES) and near(png, p.x, p.y, cl.SERIES), p
    # The same picture, pixel for pixel but for antialiasing.
    differ = sum(
        shown.pixel(x, y) != png.pixel(x, y) for x in range(0, 900, 3) for y in range(0, 500, 3)
    )
    assert differ / (300 * 167) < 0.01
    # Another size is laid out anew.
    view.resize(600, 300)
    resized = view.chart_layout()
    assert resized is not None and (resized.width, resized.height) == (600, 300)


def test_the_chart_colours_are_the_apps() -> None:
    """chart_layout repeats the theme's colours (the export layer may not import the UI)."""
    light = theme.LIGHT
    pairs = {
        cl.BACKGROUND: light.card, cl.INK: light.text, cl.MUTED: light.muted,
        cl.FAINT: light.faint, cl.RULE: light.lane_border, cl.GRID: light.window,
        cl.SERIES: light.selection, cl.SIGNAL: light.overdue,
        cl.TARGET: theme.LANE_ACCENT[Lane.GOALS], cl.CYCLE: theme.LANE_ACCENT[Lane.LOG],
    }  # fmt: skip
    for hex_colour, colour in pairs.items():
        assert QColor(hex_colour) == colour, hex_colour
    for decision in Decision:
        text, background = theme.DECISION_COLOURS[decision]
        assert tuple(map(QColor, cl.DECISIONS[decision.value])) == (text, background)


def test_a_png_is_written_from_a_process_without_a_window(tmp_path: Path) -> None:
    """As the command line will: no QApplication made beforehand, no display."""
    path = tmp_path / "chart.png"
    code = (
        "import sys; from datetime import date, timedelta; from pathlib import Path\n"
        "from board.domain import spc; from board.ui.common import chart_view\n"
        "days = [date(2026, 1, 5) + timedelta(weeks=i) for i in range(12)]\n"
        "chart_view.save_chart(spc.chart('run', list(range(12))), days, Path(sys.argv[1]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert QImage(str(path)).size().toTuple() == (1920, 1080)
