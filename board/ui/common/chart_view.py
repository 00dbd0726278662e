"""A chart on the screen and as PNG: QPainter draws ``chart_layout``'s shapes, the same ones
the PDF and SVG painter (``board.export.chart_drawing``) draws, so all look alike.

Layout points are painted 1:1 as the widget's logical pixels; a PNG is the layout painted at
``scale`` (2×: a 960 × 540 point chart is 1920 × 1080 pixels).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from board.domain.spc import Chart
from board.export.chart_layout import (
    Annotation,
    Box,
    ChartLayout,
    Dot,
    Line,
    Text,
    chart_layout,
    sparkline_layout,
)
from board.ui.common.images import png_bytes as image_png
from board.ui.common.qt_app import ensure_app
from board.ui.common.theme import FAMILY, install_fonts


def paint(painter: QPainter, layout: ChartLayout) -> None:
    """Draw the layout's shapes in layout points (the painter's current coordinates)."""
    install_fonts()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    dpi = painter.device().logicalDpiY() or 96
    for shape in layout.shapes:
        if isinstance(shape, Line):
            pen = QPen(QColor(shape.colour), shape.width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            if shape.dash:  # Qt's dashes are in pen widths, the layout's in points
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                pen.setDashPattern([d / shape.width for d in shape.dash])
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in shape.points]))
        elif isinstance(shape, Dot):
            painter.setPen(_pen(shape.stroke, shape.stroke_width))
            painter.setBrush(QBrush(QColor(shape.fill)))
            painter.drawEllipse(QPointF(shape.x, shape.y), shape.radius, shape.radius)
        elif isinstance(shape, Box):
            painter.setPen(_pen(shape.stroke, shape.stroke_width))
            painter.setBrush(QBrush(QColor(shape.fill)) if shape.fill else Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(shape.x, shape.y, shape.w, shape.h))
        elif isinstance(shape, Text):
            font = QFont(FAMILY)
            font.setPointSizeF(shape.size * 72 / dpi)  # the layout's size in device units
            font.setBold(shape.bold)
            painter.setFont(font)
            painter.setPen(QColor(shape.colour))
            x = shape.x
            if shape.anchor != "start":
                width = painter.fontMetrics().horizontalAdvance(shape.text)
                x -= width if shape.anchor == "end" else width / 2
            painter.drawText(QPointF(x, shape.y), shape.text)


def _pen(colour: str | None, width: float) -> QPen:
    if colour is None or width <= 0:
        return QPen(Qt.PenStyle.NoPen)
    return QPen(QColor(colour), width)


def render(layout: ChartLayout, scale: float = 2.0) -> QImage:
    """The layout painted at ``scale`` on a white image (from the command line too: text
    needs an application, made headless when there is no display)."""
    ensure_app()
    size = QSize(max(1, round(layout.width * scale)), max(1, round(layout.height * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.scale(scale, scale)
        paint(painter, layout)
    finally:
        painter.end()
    return image


def png_bytes(layout: ChartLayout, scale: float = 2.0) -> bytes:
    return image_png(render(layout, scale))


def save_chart(
    chart: Chart,
    dates: Sequence[date],
    path: Path,
    *,
    title: str = "",
    target: float | None = None,
    annotations: Sequence[Annotation] = (),
    percent: bool | None = None,
) -> None:
    """``chart_drawing.save_chart`` with PNG through this painter: .png, .pdf or .svg."""
    # reportlab only when a file is saved: the chart on the screen does without it.
    from board.export import chart_drawing

    chart_drawing.save_chart(
        chart, dates, path, title=title, target=target, annotations=annotations,
        percent=percent, raster=png_bytes,
    )  # fmt: skip


def _full(
    chart: Chart,
    dates: Sequence[date],
    title: str,
    target: float | None,
    annotations: Sequence[Annotation],
    percent: bool | None,
    text_scale: float,
    words: bool,
    size: tuple[float, float],
) -> ChartLayout:
    return chart_layout(
        chart, dates, size=size, title=title, target=target, annotations=annotations,
        percent=percent, text_scale=text_scale, words=words,
    )  # fmt: skip


def _sparkline(
    chart: Chart, dates: Sequence[date], target: float | None, size: tuple[float, float]
) -> ChartLayout:
    return sparkline_layout(chart, dates, size=size, target=target)


class ChartView(QWidget):
    """A chart as large as the widget, laid out anew when its size changes."""

    def __init__(self, parent: QWidget | None = None, *, sparkline: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("chart-view")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._sparkline = sparkline
        self._make: Callable[[tuple[float, float]], ChartLayout] | None = None
        self._layout: ChartLayout | None = None

    def set_chart(
        self,
        chart: Chart | None,
        dates: Sequence[date] = (),
        *,
        title: str = "",
        target: float | None = None,
        annotations: Sequence[Annotation] = (),
        percent: bool | None = None,
        text_scale: float = 1.0,
        words: bool = True,
    ) -> None:
        """Show ``chart`` (None: nothing); a sparkline draws no text, so it takes no title,
        annotations, percent or text scale (on the wall: ``Theme.scale`` over the
        laptop's); not ``words``: no verdict in the chart (its page writes it)."""
        if chart is None:
            self._make = None
        elif self._sparkline:
            self._make = partial(_sparkline, chart, tuple(dates), target)
        else:
            self._make = partial(
                _full, chart, tuple(dates), title, target, tuple(annotations), percent,
                text_scale, words,
            )  # fmt: skip
        self._layout = None
        self.update()

    def chart_layout(self) -> ChartLayout | None:
        """The layout at the widget's current size (what is painted)."""
        if self._make is None:
            return None
        size = (float(self.width()), float(self.height()))
        if self._layout is None or (self._layout.width, self._layout.height) != size:
            self._layout = self._make(size)
        return self._layout

    def sizeHint(self) -> QSize:
        return QSize(120, 36) if self._sparkline else QSize(960, 540)

    def paintEvent(self, event: QPaintEvent) -> None:
        layout = self.chart_layout()
        if layout is None:
            return
        painter = QPainter(self)
        try:
            paint(painter, layout)
        finally:
            painter.end()
