"""A chart as a reportlab ``Drawing`` (vector): a flowable in the minutes and template PDFs,
and a chart saved as PDF or SVG. It paints ``chart_layout``'s shapes, nothing of its own.

PNG needs a raster painter, and the one that draws like the screen is Qt's
(``board.ui.common.chart_view``): ``save_chart`` takes it as ``raster`` from the caller, as
this layer may not import Qt. (reportlab 5's own bitmap renderer needs rlPyCairo, i.e.
pycairo, which has no Linux wheels; rl-renderPM is no longer a backend reportlab 5 accepts.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Group, PolyLine, String
from reportlab.graphics.shapes import Rect as RlRect
from reportlab.lib.colors import HexColor

from board.atomic_file import atomic_path
from board.domain.errors import BoardError
from board.domain.spc import Chart
from board.export.chart_layout import (
    Annotation,
    Box,
    ChartLayout,
    Dot,
    Line,
    Text,
    chart_layout,
)
from board.export.fonts import printable, register_fonts

FORMATS = (".png", ".pdf", ".svg")
# A saved chart's size in points: 16:9, as a slide or the wall; PNG at 2× (1920 × 1080).
SAVE_SIZE = (960.0, 540.0)
PNG_SCALE = 2.0


def drawing(layout: ChartLayout) -> Drawing:
    """The layout as a reportlab Drawing of the same size in points (a Flowable)."""
    fonts = register_fonts()
    height = layout.height
    d = Drawing(layout.width, height)
    # reportlab starts a drawing in Helvetica, which would stand unembedded in the PDF's fonts
    d.initialFontName = fonts.regular  # type: ignore[attr-defined]  # not in the stubs
    group = Group()
    for shape in layout.shapes:
        if isinstance(shape, Line):
            flat = [c for x, y in shape.points for c in (x, height - y)]
            group.add(
                PolyLine(
                    flat, strokeColor=HexColor(shape.colour), strokeWidth=shape.width,
                    strokeDashArray=list(shape.dash), strokeLineCap=1, strokeLineJoin=1,
                )
            )  # fmt: skip
        elif isinstance(shape, Dot):
            group.add(
                Circle(
                    shape.x, height - shape.y, shape.radius, fillColor=HexColor(shape.fill),
                    strokeColor=HexColor(shape.stroke) if shape.stroke else None,
                    strokeWidth=shape.stroke_width,
                )
            )  # fmt: skip
        elif isinstance(shape, Box):
            rect = RlRect(shape.x, height - shape.y - shape.h, shape.w, shape.h)
            rect.fillColor = HexColor(shape.fill) if shape.fill else None
            rect.strokeColor = HexColor(shape.stroke) if shape.stroke else None
            rect.strokeWidth = shape.stroke_width
            group.add(rect)
        elif isinstance(shape, Text):
            group.add(
                String(
                    shape.x, height - shape.y, printable(shape.text, multiline=False),
                    fontName=fonts.bold if shape.bold else fonts.regular,
                    fontSize=shape.size, fillColor=HexColor(shape.colour),
                    textAnchor=shape.anchor,
                )
            )  # fmt: skip
    d.add(group)
    return d


def save_chart(
    chart: Chart,
    dates: Sequence[date],
    path: Path,
    *,
    title: str = "",
    target: float | None = None,
    annotations: Sequence[Annotation] = (),
    percent: bool | None = None,
    size: tuple[float, float] = SAVE_SIZE,
    raster: Callable[[ChartLayout, float], bytes] | None = None,
) -> None:
    """Write the chart to ``path`` as PNG, PDF or SVG by its suffix, whole or not at all.

    ``raster`` paints a layout at a scale as PNG bytes (``chart_view.png_bytes``); without
    it a .png is refused like any other format this layer cannot write."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS or (suffix == ".png" and raster is None):
        raise BoardError("chart.error.format", suffix=path.suffix or path.name)
    layout = chart_layout(
        chart, dates, size=size, title=title, target=target, annotations=annotations,
        percent=percent,
    )  # fmt: skip
    with atomic_path(path) as temp:
        if suffix == ".png":
            assert raster is not None
            temp.write_bytes(raster(layout, PNG_SCALE))
        elif suffix == ".pdf":
            renderPDF.drawToFile(drawing(layout), str(temp), "")
        else:
            temp.write_text(renderSVG.drawToString(drawing(layout)), encoding="utf-8")
